using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>The container engines the tests run rocks in (imported everywhere with <c>using static</c>).</summary>
public static class Engines
{
    private static readonly IReadOnlyDictionary<string, string?> PodmanEnvironment = new Dictionary<string, string?>
    {
        ["CONTAINERS_CONF"] = Repository.PathOf("scripts", "containers.conf"),
    };

    /// <summary>podman with the machine's settings (scripts/containers.conf); callers run one container at a time (the [Collection] of these tests).</summary>
    public static ContainerEngine Podman { get; } = new(
        "podman",
        () => Task.FromResult(PodmanEnvironment),
        name => Task.FromResult((Array.Empty<string>(), $"containers-storage:{name}")),
        ["rm", "-f", "-t", "2"]);

    /// <summary>Debian's docker.io, against a dockerd of the tests' own (<see cref="DockerDaemon"/>).</summary>
    public static ContainerEngine Docker { get; } = new(
        "docker",
        async () => new Dictionary<string, string?> { ["DOCKER_HOST"] = await DockerDaemon.HostAsync() },
        async name => (new[] { "--dest-daemon-host", await DockerDaemon.HostAsync() }, $"docker-daemon:{name}"),
        ["rm", "-f"]);
}

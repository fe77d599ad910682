using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// podman with the machine's settings (scripts/containers.conf). Containers use the host network and are
/// reached on 127.0.0.1 only; callers run one at a time (the [Collection] of these tests) and dispose them.
/// </summary>
public static class Podman
{
    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>
    {
        ["CONTAINERS_CONF"] = Repository.PathOf("scripts", "containers.conf"),
    };

    public static async Task<ProcessOutput> RunAsync(params string[] args) =>
        await ExternalProcess.RunAsync(Tools.Require("podman"), args, environment: Environment, timeout: TimeSpan.FromMinutes(3));

    public static async Task<string> CheckedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"podman {string.Join(' ', args)} failed: {result}");
        return result.Stdout;
    }

    /// <summary>Copies a .rock into podman's storage under a fresh name, with skopeo (an independent reader of the archive).</summary>
    public static async Task<LoadedImage> LoadAsync(string rock)
    {
        var name = $"localhost/cairn-test-{Guid.NewGuid():N}:latest";
        var copy = await ExternalProcess.RunAsync(Tools.Require("skopeo"),
            ["--insecure-policy", "copy", "-q", $"oci-archive:{rock}", $"containers-storage:{name}"], environment: Environment, timeout: TimeSpan.FromMinutes(3));
        Assert.True(copy.ExitCode == 0, $"skopeo copy of {rock} failed: {copy}");
        return new LoadedImage(name);
    }
}

/// <summary>An image in podman's storage, removed (with its containers) on dispose.</summary>
public sealed class LoadedImage(string name) : IAsyncDisposable
{
    private readonly List<string> _containers = [];

    public string Name => name;

    /// <summary>Starts the image detached on the host network with extra arguments for its entrypoint.</summary>
    public async Task<string> StartAsync(params string[] args)
    {
        var container = $"cairn-test-{Guid.NewGuid():N}";
        _containers.Add(container);
        await Podman.CheckedAsync(["run", "-d", "--network", "host", "--name", container, name, .. args]);
        return container;
    }

    /// <summary>Runs the image once (network none) and returns its output.</summary>
    public Task<ProcessOutput> RunOnceAsync(string? entrypoint, params string[] args) =>
        Podman.RunAsync([
            "run", "--rm", "--network", "none",
            .. entrypoint is null ? Array.Empty<string>() : ["--entrypoint", entrypoint],
            name, .. args]);

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
            await Podman.RunAsync("rm", "-f", "-t", "2", container);
        await Podman.RunAsync("rmi", "-f", name);
    }
}

using System.Text.Json;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// A container engine's command line as the tests drive it: podman, or docker against the tests' own dockerd
/// (<see cref="Engines"/>). One shape for both, so a check reads the same whichever engine runs the rock.
/// Containers use the host network and are reached on 127.0.0.1 only.
/// </summary>
/// <param name="tool">The CLI (<c>podman</c>, <c>docker</c>).</param>
/// <param name="environment">The variables that point the CLI (and skopeo) at the engine.</param>
/// <param name="destination">skopeo's options and destination reference for an image name in the engine's storage.</param>
/// <param name="forceRemove">The arguments that remove a container at once.</param>
public sealed class ContainerEngine(
    string tool,
    Func<Task<IReadOnlyDictionary<string, string?>>> environment,
    Func<string, Task<(string[] Options, string Reference)>> destination,
    string[] forceRemove)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public string Tool => tool;

    public Task<IReadOnlyDictionary<string, string?>> EnvironmentAsync() => environment();

    public async Task<ProcessOutput> RunAsync(params string[] args) =>
        await ExternalProcess.RunAsync(Tools.Require(tool), args, environment: await environment(), timeout: Timeout);

    public async Task<string> CheckedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {result}");
        return result.Stdout;
    }

    /// <summary>Copies a .rock into the engine under a fresh name with skopeo (an independent reader of the archive), as docs/production.md says.</summary>
    public async Task<ContainerImage> LoadAsync(string rock)
    {
        var name = $"localhost/cairn-test-{Guid.NewGuid():N}:latest";
        var (options, reference) = await destination(name);
        var copy = await ExternalProcess.RunAsync(Tools.Require("skopeo"),
            ["--insecure-policy", "copy", "-q", .. options, $"oci-archive:{rock}", reference], environment: await environment(), timeout: Timeout);
        Assert.True(copy.ExitCode == 0, $"skopeo copy of {rock} into {tool} failed: {copy}");
        return new ContainerImage(this, name);
    }

    /// <summary>What the engine's <c>logs</c> shows of a container: its stdout and stderr.</summary>
    public async Task<string> LogsAsync(string container)
    {
        var logs = await RunAsync("logs", container);
        Assert.True(logs.ExitCode == 0, logs.ToString());
        return logs.Stdout + logs.Stderr;
    }

    /// <summary>The container's state as <c>inspect</c> gives it.</summary>
    public async Task<JsonElement> StateAsync(string container) =>
        JsonDocument.Parse(await CheckedAsync("inspect", container)).RootElement[0].GetProperty("State").Clone();

    /// <summary>Removes a container, running or not.</summary>
    public Task<ProcessOutput> RemoveAsync(string container) => RunAsync([.. forceRemove, container]);
}

/// <summary>An image in an engine's storage, removed (with the containers started from it) on dispose.</summary>
public sealed class ContainerImage(ContainerEngine engine, string name) : IAsyncDisposable
{
    private readonly List<string> _containers = [];

    public string Name => name;

    /// <summary>Starts a container detached on the host network: <paramref name="options"/> go to <c>run</c>, <paramref name="args"/> to the entrypoint.</summary>
    public async Task<string> StartAsync(string[] options, params string[] args)
    {
        var container = $"cairn-test-{Guid.NewGuid():N}";
        _containers.Add(container);
        await engine.CheckedAsync(["run", "-d", "--network", "host", "--name", container, .. options, name, .. args]);
        return container;
    }

    /// <summary>Runs the image once (network none) and returns its output.</summary>
    public Task<ProcessOutput> RunOnceAsync(string? entrypoint, params string[] args) =>
        engine.RunAsync([
            "run", "--rm", "--network", "none",
            .. entrypoint is null ? Array.Empty<string>() : ["--entrypoint", entrypoint],
            name, .. args]);

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
            await engine.RemoveAsync(container);
        await engine.RunAsync("rmi", "-f", name);
    }
}

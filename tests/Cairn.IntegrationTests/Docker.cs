using System.Text.Json;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// Debian's docker.io. The tests use a dockerd of their own, started on first use with a socket, data and state
/// under one temporary directory, no bridge and no iptables rules (containers run on the host network and are
/// reached on 127.0.0.1 only); it stops when the test process ends, and dies with it if that is killed.
/// </summary>
public static class Docker
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _host;

    /// <summary>The variables that point the docker CLI at the tests' daemon.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> EnvironmentAsync() =>
        new Dictionary<string, string?> { ["DOCKER_HOST"] = await HostAsync() };

    public static async Task<ProcessOutput> RunAsync(params string[] args) =>
        await ExternalProcess.RunAsync(Tools.Require("docker"), args, environment: await EnvironmentAsync(), timeout: TimeSpan.FromMinutes(3));

    public static async Task<string> CheckedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', args)} failed: {result}");
        return result.Stdout;
    }

    /// <summary>Copies a .rock into the daemon under a fresh name with skopeo, as docs/production.md says.</summary>
    public static async Task<DockerImage> LoadAsync(string rock)
    {
        var name = $"cairn-test-{Guid.NewGuid():N}:latest";
        var copy = await ExternalProcess.RunAsync(Tools.Require("skopeo"),
            ["--insecure-policy", "copy", "-q", "--dest-daemon-host", await HostAsync(), $"oci-archive:{rock}", $"docker-daemon:{name}"],
            timeout: TimeSpan.FromMinutes(3));
        Assert.True(copy.ExitCode == 0, $"skopeo copy of {rock} into docker failed: {copy}");
        return new DockerImage(name);
    }

    private static async Task<string> HostAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _host ??= await StartDaemonAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> StartDaemonAsync()
    {
        var root = Directory.CreateTempSubdirectory("cairn-dockerd-").FullName;
        var socket = $"unix://{root}/docker.sock";
        var daemon = RunningProcess.Start(Tools.Require("dockerd"), [
            "--host", socket, "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "docker.pid"), "--bridge=none", "--iptables=false", "--ip6tables=false"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(daemon, root);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (daemon.HasExited)
                Assert.Fail($"dockerd did not start: {await daemon.WaitAsync(TimeSpan.FromSeconds(10))}");
            var info = await ExternalProcess.RunAsync(Tools.Require("docker"), ["info", "--format", "{{.ServerVersion}}"],
                environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = socket }, timeout: TimeSpan.FromMinutes(1));
            if (info.ExitCode == 0)
                return socket;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"dockerd did not answer within 2 minutes:\n{daemon.StderrSoFar}");
            await Task.Delay(200);
        }
    }

    // SIGTERM lets dockerd stop its containers and containerd; what it leaves is in the temporary directory.
    private static void Stop(RunningProcess daemon, string root)
    {
        if (!daemon.HasExited)
        {
            daemon.Signal(15);
            try
            {
                daemon.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
                // WaitAsync killed it.
            }
        }

        ExternalProcess.RunAsync("umount", ["--recursive", "--lazy", root]).GetAwaiter().GetResult();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A mount dockerd left: /tmp is cleaned at the next boot.
        }
    }
}

/// <summary>An image in the tests' docker daemon, removed (with its containers) on dispose.</summary>
public sealed class DockerImage(string name) : IAsyncDisposable
{
    private readonly List<string> _containers = [];

    public string Name => name;

    /// <summary>Starts a container of the image detached on the host network: <paramref name="options"/> go to <c>docker run</c>, <paramref name="args"/> to the entrypoint.</summary>
    public async Task<string> StartAsync(string[] options, params string[] args)
    {
        var container = $"cairn-test-{Guid.NewGuid():N}";
        _containers.Add(container);
        await Docker.CheckedAsync(["run", "-d", "--network", "host", "--name", container, .. options, name, .. args]);
        return container;
    }

    /// <summary>What <c>docker logs</c> shows of the container: its stdout and stderr.</summary>
    public static async Task<string> LogsAsync(string container)
    {
        var logs = await Docker.RunAsync("logs", container);
        Assert.True(logs.ExitCode == 0, logs.ToString());
        return logs.Stdout + logs.Stderr;
    }

    /// <summary>The container's state as <c>docker inspect</c> gives it.</summary>
    public static async Task<JsonElement> StateAsync(string container) =>
        JsonDocument.Parse(await Docker.CheckedAsync("inspect", container)).RootElement[0].GetProperty("State").Clone();

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
            await Docker.RunAsync("rm", "-f", container);
        await Docker.RunAsync("rmi", "-f", name);
    }
}

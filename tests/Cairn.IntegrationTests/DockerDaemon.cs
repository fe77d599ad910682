using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// The tests' own dockerd (Debian's docker.io), started on first use with a socket, data and state
/// under one temporary directory, no bridge and no iptables rules (containers run on the host network and are
/// reached on 127.0.0.1 only); it stops when the test process ends, and dies with it if that is killed.
/// </summary>
public static class DockerDaemon
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _host;

    /// <summary>The socket of the tests' dockerd, started on first use.</summary>
    public static async Task<string> HostAsync()
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

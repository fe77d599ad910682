using System.Diagnostics;
using Cairn.TestKit;
using Cairn.Wheelhouse;

namespace Cairn.Sandbox.Tests;

/// <summary>
/// The whole path as an ordinary user: base with mmdebstrap in unshare mode, build environment with apt in a
/// user namespace, stage-packages, wheelhouse, venv and pip install, import gevent. The test runs the
/// wheelhouse console (which does all of that with --verify) as the user <c>cairn-rootless</c> through
/// setpriv, with that user's own cache under /var/tmp (kept between runs, like the normal cache).
/// </summary>
public class RootlessTests
{
    private const string User = "cairn-rootless";
    private const string Cache = "/var/tmp/cairn-rootless-cache";

    [ToolFact("mmdebstrap", "bwrap", "setpriv", "newuidmap", "useradd")]
    public async Task An_ordinary_user_builds_a_base_an_environment_and_a_venv_with_gevent()
    {
        string[] prefix = [];
        if (Environment.IsPrivilegedProcess)
        {
            // Root makes the user (with subordinate ids, which mmdebstrap's unshare mode needs) and drops to it.
            if (await RunAsync(["id", "-u", User]) is not (0, _))
                Assert.Equal(0, (await RunAsync(["useradd", "--create-home", "--shell", "/bin/sh", User])).Exit);
            var uid = (await RunAsync(["id", "-u", User])).Output.Trim();
            var gid = (await RunAsync(["id", "-g", User])).Output.Trim();
            Assert.Contains($"{User}:", await File.ReadAllTextAsync("/etc/subuid"), StringComparison.Ordinal);
            Directory.CreateDirectory(Cache);
            Assert.Equal(0, (await RunAsync(["chown", $"{uid}:{gid}", Cache])).Exit);
            prefix = ["setpriv", $"--reuid={uid}", $"--regid={gid}", "--init-groups", "--"];
        }

        var console = Path.Combine(AppContext.BaseDirectory, "Cairn.Wheelhouse.dll");
        Assert.True(File.Exists(console), console);
        string[] env = ["env", "-i", $"HOME=/home/{User}", "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", $"XDG_CACHE_HOME={Cache}",
            "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_NOLOGO=1", "TMPDIR=/var/tmp"];
        var (exit, output) = await RunAsync([.. prefix, .. env, Tools.Require("dotnet"), console, "ubuntu@24.04", "--verify"]);

        Assert.True(exit == 0, output);
        Assert.Contains("imported flask 3.", output, StringComparison.Ordinal);
        Assert.Contains("gevent 24.", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string[] argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in argv.Skip(1))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

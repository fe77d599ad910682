using System.Diagnostics;

namespace Cairn.TestKit;

/// <summary>
/// The ordinary user (<c>cairn-rootless</c>) tests run cairn and its tools as, to show they need no root. When the
/// tests run as root it is made if missing (useradd gives it the subordinate ids unshare mode needs) and commands
/// drop to it through setpriv; its cache is under /var/tmp, kept between runs like a user's own. A test process
/// that is not root already is an ordinary user and runs the commands as itself.
/// </summary>
public static class OrdinaryUser
{
    public const string Name = "cairn-rootless";

    /// <summary>The user's XDG_CACHE_HOME.</summary>
    public const string Cache = "/var/tmp/cairn-rootless-cache";

    /// <summary>The tools running a command as the user takes.</summary>
    public static readonly string[] NeededTools = ["setpriv", "newuidmap", "useradd"];

    /// <summary>
    /// Runs <paramref name="command"/> as the user with a clean environment (its home, PATH, cache and
    /// TMPDIR=/var/tmp) plus <paramref name="variables"/> (NAME=VALUE), in /.
    /// </summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> command, params string[] variables)
    {
        string[] prefix = [];
        if (Environment.IsPrivilegedProcess)
        {
            var (uid, gid) = await EnsureAsync();
            prefix = ["setpriv", $"--reuid={uid}", $"--regid={gid}", "--init-groups", "--"];
        }

        string[] environment = ["env", "-i", $"HOME=/home/{Name}", "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", $"XDG_CACHE_HOME={Cache}",
            "TMPDIR=/var/tmp", .. variables];
        return await ExecAsync([.. prefix, .. environment, .. command]);
    }

    /// <summary>Gives <paramref name="path"/> and everything under it to the user (when running as root), so it can write there.</summary>
    public static async Task GiveAsync(string path)
    {
        if (!Environment.IsPrivilegedProcess) return;
        var (uid, gid) = await EnsureAsync();
        var chown = await ExecAsync(["chown", "-R", $"{uid}:{gid}", path]);
        Xunit.Assert.True(chown.Exit == 0, chown.Stderr);
    }

    private static async Task<(string Uid, string Gid)> EnsureAsync()
    {
        if ((await ExecAsync(["id", "-u", Name])).Exit != 0)
        {
            // Test projects run in parallel: another one may have made the user meanwhile.
            var made = await ExecAsync(["useradd", "--create-home", "--shell", "/bin/sh", Name]);
            Xunit.Assert.True(made.Exit == 0 || (await ExecAsync(["id", "-u", Name])).Exit == 0, made.Stderr);
        }

        Xunit.Assert.Contains($"{Name}:", await File.ReadAllTextAsync("/etc/subuid"), StringComparison.Ordinal);
        var uid = (await ExecAsync(["id", "-u", Name])).Stdout.Trim();
        var gid = (await ExecAsync(["id", "-g", Name])).Stdout.Trim();
        Directory.CreateDirectory(Cache);
        Xunit.Assert.Equal(0, (await ExecAsync(["chown", $"{uid}:{gid}", Cache])).Exit);
        return (uid, gid);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> ExecAsync(string[] argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in argv.Skip(1))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}

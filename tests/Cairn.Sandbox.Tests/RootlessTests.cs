using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

/// <summary>
/// The whole path as an ordinary user: bases with mmdebstrap in unshare mode, build environments with apt in a
/// user namespace, stage-packages, wheelhouse, venv and pip install, import gevent. The tests run the
/// wheelhouse console (<c>--verify</c> and <c>--check-sandbox</c>) as <see cref="OrdinaryUser"/>, with that user's
/// own cache under /var/tmp (kept between runs, like the normal cache). The first
/// run on a machine makes both bases in unshare mode, which is slow; later runs find them cached.
/// </summary>
public class RootlessTests
{
    [ToolFact("mmdebstrap", "bwrap", "setpriv", "newuidmap", "useradd")]
    public async Task An_ordinary_user_builds_a_base_an_environment_and_a_venv_with_gevent()
    {
        var (exit, output) = await RunConsoleAsync("ubuntu@24.04", "--verify");

        Assert.True(exit == 0, output);
        Assert.Contains("imported flask 3.", output, StringComparison.Ordinal);
        Assert.Contains("gevent 24.", output, StringComparison.Ordinal);
    }

    [ToolFact("mmdebstrap", "bwrap", "setpriv", "newuidmap", "useradd")]
    public async Task An_ordinary_user_gets_both_bases_build_packages_stage_packages_and_the_cache()
    {
        var (exit, output) = await RunConsoleAsync("--check-sandbox");

        Assert.True(exit == 0, output);
        var report = output.Split('\n');
        Assert.Contains("os-release ubuntu@22.04: VERSION_ID=\"22.04\"", report);
        Assert.Contains("os-release ubuntu@24.04: VERSION_ID=\"24.04\"", report);
        Assert.Contains("build-package python3-venv on ubuntu@24.04: install ok installed", report);

        // On ubuntu@24.04 only what the base lacks; on bare the whole closure, libc6 included.
        var noble = Staged(report, "ubuntu@24.04 [libpq5]");
        Assert.Contains("libpq5", noble.Packages);
        Assert.DoesNotContain("libc6", noble.Packages);
        Assert.Contains("usr/lib/x86_64-linux-gnu/libpq.so.5", noble.Files);
        var bare = Staged(report, "bare [libpq5_libs python3.12]");
        Assert.Contains("libc6", bare.Packages);
        Assert.Contains("libpq5", bare.Packages);
        Assert.Contains("usr/bin/python3.12", bare.Files);
        Assert.Contains("usr/lib/x86_64-linux-gnu/libpq.so.5", bare.Files);

        Assert.Contains("second base request ubuntu@24.04: 0 processes", report);
    }

    /// <summary>The packages and files of the report's line "staged WHAT: PACKAGES; files: FILES".</summary>
    private static (string[] Packages, string[] Files) Staged(string[] report, string what)
    {
        var line = Assert.Single(report, l => l.StartsWith($"staged {what}: ", StringComparison.Ordinal));
        var (packages, files) = (line[(line.IndexOf("]: ", StringComparison.Ordinal) + 3)..].Split("; files: ") is [var p, var f] ? (p, f) : ("", ""));
        return (packages.Split(' '), files.Split(' '));
    }

    /// <summary>Runs the wheelhouse console as the ordinary user; its output and errors together.</summary>
    private static async Task<(int Exit, string Output)> RunConsoleAsync(params string[] arguments)
    {
        var console = Path.Combine(AppContext.BaseDirectory, "Cairn.Wheelhouse.dll");
        Assert.True(File.Exists(console), console);
        var (exit, stdout, stderr) = await OrdinaryUser.RunAsync([Tools.Require("dotnet"), console, .. arguments], "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_NOLOGO=1");
        return (exit, stdout + stderr);
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>
/// The published pebble runs on every supported base (glibc of Ubuntu 22.04, 2.35, and newer) and on a bare one
/// that carries only libc: it may need nothing but libc, libm and the loader, at GLIBC_2.34 or older.
/// </summary>
public class PublishedBinaryTests
{
    [ToolFact("readelf")]
    public void Needs_only_libc_libm_and_the_loader()
    {
        var needed = Regex.Matches(ReadElf("-d"), @"\(NEEDED\)\s+Shared library: \[([^\]]+)\]").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("libc.so.6", needed);
        Assert.All(needed, library => Assert.Matches(@"^(libc\.so\.6|libm\.so\.6|ld-linux-[\w-]+\.so\.\d)$", library));
    }

    [ToolFact("readelf")]
    public void Needs_glibc_2_34_at_most()
    {
        // The version-needs section lists every GLIBC_x.y[.z] a symbol is bound to.
        var versions = Regex.Matches(ReadElf("-V"), @"\bGLIBC_(\d+(?:\.\d+)+)\b").Select(m => Version.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(versions);
        Assert.True(versions.Max() <= new Version(2, 34), $"pebble needs GLIBC_{versions.Max()}");
    }

    private static string ReadElf(string option)
    {
        var psi = new ProcessStartInfo(Tools.Require("readelf"), [option, "-W", PublishedBinary.Pebble.Path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"readelf {option} failed: {stderr.Result}");
        return stdout.Result;
    }
}

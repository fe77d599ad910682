using System.Diagnostics;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>
/// The published Native AOT <c>pebble</c> the integration tests run: <c>$PEBBLE_TEST_BIN</c>, else
/// <c>artifacts/payload/pebble</c> (scripts/setup publishes it) when it is newer than every pebble source file,
/// else a fresh <c>dotnet publish</c> into <c>artifacts/pebble-test</c>.
/// </summary>
public static class PebbleBinary
{
    private static readonly Lazy<string> Binary = new(Locate);

    public static string Path => Binary.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("PEBBLE_TEST_BIN") is { Length: > 0 } given) return given;
        var newestSource = new[] { "src/Cairn.Pebble", "src/Cairn.Pebble.Plan" }
            .SelectMany(d => Directory.EnumerateFiles(Repository.PathOf(d), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Max(File.GetLastWriteTimeUtc);
        foreach (var candidate in new[] { Repository.PathOf("artifacts", "payload", "pebble"), Repository.PathOf("artifacts", "pebble-test", "pebble") })
        {
            if (File.Exists(candidate) && File.GetLastWriteTimeUtc(candidate) >= newestSource) return candidate;
        }

        var output = Repository.PathOf("artifacts", "pebble-test");
        var psi = new ProcessStartInfo("dotnet", ["publish", Repository.PathOf("src", "Cairn.Pebble", "Cairn.Pebble.csproj"), "-c", "Release", "-r", "linux-x64", "-nologo", "-v", "quiet", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"cannot publish pebble for the tests:\n{stdout.Result}\n{stderr.Result}");
        return System.IO.Path.Combine(output, "pebble");
    }
}

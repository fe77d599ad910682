using System.Diagnostics;

namespace Cairn.TestKit;

/// <summary>
/// A Native AOT program as users get it, fresh for the sources under test: <c>$variable</c> when set; else the
/// copy scripts/setup published (<c>artifacts/&lt;setup directory&gt;/&lt;executable&gt;</c>) when it is newer than every
/// source file it is built from; else a <c>dotnet publish</c> now into <c>artifacts/&lt;executable&gt;-test</c>, so a
/// test never runs a binary older than the code it tests.
/// </summary>
/// <param name="project">The project to publish, from the repository root (e.g. src/Cairn.Cli/Cairn.Cli.csproj).</param>
/// <param name="executable">The published file's name (e.g. cairn).</param>
/// <param name="setupDirectory">Where scripts/setup publishes it, under artifacts/ (e.g. cairn).</param>
/// <param name="variable">An environment variable naming a binary to use instead.</param>
/// <param name="sources">The directories, from the repository root, whose files it is built from.</param>
public sealed class PublishedBinary(string project, string executable, string setupDirectory, string variable, params string[] sources)
{
    private readonly Lazy<string> _path = new(() => Locate(project, executable, setupDirectory, variable, sources));

    /// <summary>The binary's path; published first when needed.</summary>
    public string Path => _path.Value;

    private static string Locate(string project, string executable, string setupDirectory, string variable, string[] sources)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return given;
        var newestSource = sources.Select(s => Repository.PathOf(s))
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Append(Repository.PathOf("Directory.Build.props")).Append(Repository.PathOf("Directory.Packages.props"))
            .Max(File.GetLastWriteTimeUtc);
        var output = Repository.PathOf("artifacts", executable + "-test");
        foreach (var candidate in new[] { Repository.PathOf("artifacts", setupDirectory, executable), System.IO.Path.Combine(output, executable) })
        {
            if (File.Exists(candidate) && File.GetLastWriteTimeUtc(candidate) >= newestSource) return candidate;
        }

        var psi = new ProcessStartInfo("dotnet", ["publish", Repository.PathOf(project), "-c", "Release", "-r", "linux-x64", "-nologo", "-v", "quiet", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"cannot publish {executable} for the tests:\n{stdout.Result}\n{stderr.Result}");
        return System.IO.Path.Combine(output, executable);
    }
}

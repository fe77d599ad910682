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
/// <remarks>The sources it is built from are the directories of its project and of every project that one references.</remarks>
public sealed class PublishedBinary(string project, string executable, string setupDirectory, string variable)
{
    /// <summary>cairn itself, as scripts/setup publishes it to artifacts/cairn (<c>$CAIRN_TEST_BIN</c> to choose another).</summary>
    public static PublishedBinary Cairn { get; } = new("src/Cairn.Cli/Cairn.Cli.csproj", "cairn", "cairn", "CAIRN_TEST_BIN");

    /// <summary>Our pebble, as scripts/setup publishes it to artifacts/payload (<c>$PEBBLE_TEST_BIN</c> to choose another).</summary>
    public static PublishedBinary Pebble { get; } = new("src/Cairn.Pebble/Cairn.Pebble.csproj", "pebble", "payload", "PEBBLE_TEST_BIN");

    /// <summary>Our statsd_exporter, as scripts/setup publishes it to artifacts/payload (<c>$STATSD_EXPORTER_TEST_BIN</c> to choose another).</summary>
    public static PublishedBinary StatsdExporter { get; } = new("src/Cairn.StatsdExporter/Cairn.StatsdExporter.csproj", "statsd_exporter", "payload", "STATSD_EXPORTER_TEST_BIN");

    private readonly Lazy<string> _path = new(() => Locate(project, executable, setupDirectory, variable));

    /// <summary>The directories of <paramref name="project"/> (a .csproj from the repository root) and of all it references, directly or not.</summary>
    public static IReadOnlySet<string> SourceDirectories(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([System.IO.Path.GetFullPath(Repository.PathOf(project))]);
        while (pending.TryPop(out var csproj))
        {
            if (!seen.Add(System.IO.Path.GetDirectoryName(csproj)!)) continue;
            foreach (var reference in System.Xml.Linq.XDocument.Load(csproj).Descendants("ProjectReference"))
                pending.Push(System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(csproj)!, (string)reference.Attribute("Include")!)));
        }

        return seen;
    }

    /// <summary>The binary's path; published first when needed.</summary>
    public string Path => _path.Value;

    private static string Locate(string project, string executable, string setupDirectory, string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return given;
        var newestSource = SourceDirectories(project)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Append(Repository.PathOf("Directory.Build.props")).Append(Repository.PathOf("Directory.Packages.props"))
            .Max(File.GetLastWriteTimeUtc);
        bool IsFresh(string binary) => File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= newestSource;

        var fromSetup = Repository.PathOf("artifacts", setupDirectory, executable);
        if (IsFresh(fromSetup)) return fromSetup;
        var output = Repository.PathOf("artifacts", executable + "-test");
        var published = System.IO.Path.Combine(output, executable);

        // Test projects run in parallel: one publishes while the others wait, then find its binary fresh.
        Directory.CreateDirectory(Repository.PathOf("artifacts"));
        using var turn = WaitForTurn(output + ".lock");
        if (IsFresh(published)) return published;
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
        return published;
    }

    private static FileStream WaitForTurn(string lockPath)
    {
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Thread.Sleep(500);
            }
        }
    }
}

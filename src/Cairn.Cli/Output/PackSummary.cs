using Cairn.Build;
using Cairn.Diagnostics.Reporting;

namespace Cairn.Cli.Output;

/// <summary>The lines that end a pack: what was written, how big, its digest, and each layer, reused or written.</summary>
public static class PackSummary
{
    /// <param name="shown">How a path is shown (relative to where the user is, when it is there).</param>
    public static IEnumerable<string> Lines(PackResult result, long size, Func<string, string> shown, TimeSpan elapsed)
    {
        yield return $"Packed {shown(result.OutputPath)} ({ByteSize.Format(size)}) in {ConsoleReporter.Duration(elapsed)}";
        yield return $"  manifest {result.ManifestDigest}";
        if (result.SbomPath is { } sbom)
            yield return $"  bill of materials {shown(sbom)}";
        var width = result.Layers.Max(l => l.Purpose.Length);
        foreach (var layer in result.Layers)
            yield return $"  {layer.Purpose.PadRight(width)}  {ByteSize.Format(layer.Size),9}  {(layer.Reused ? "reused" : "written")}";
    }

    /// <summary>The size on disk of a <c>.rock</c> file, or of an OCI layout directory's files.</summary>
    public static long SizeOf(string path) => File.Exists(path)
        ? new FileInfo(path).Length
        : new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}

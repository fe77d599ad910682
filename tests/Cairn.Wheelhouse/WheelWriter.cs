using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Wheelhouse;

/// <summary>Writes a wheel (a zip with a dist-info) from a directory of files, deterministically.</summary>
public static class WheelWriter
{
    /// <summary>The zip epoch: wheels made from the same files have the same bytes.</summary>
    private static readonly DateTimeOffset Epoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes <c>{name}-{version}-{tag}.whl</c> into <paramref name="outputDirectory"/> holding the files under
    /// <paramref name="payload"/> plus a dist-info made of <paramref name="requiresDist"/> and the entry points.
    /// </summary>
    /// <returns>The wheel's path.</returns>
    public static string Write(string outputDirectory, PythonDistribution distribution, string payload, string tag, IReadOnlyList<string> requiresDist)
    {
        // The dist-info keeps the name's dots, as the wheels of jammy's day did: its pkg_resources (which gevent's
        // plugins go through) keys a distribution by that directory name and would not find "zope_interface"
        // when gevent requires "zope.interface".
        var distInfo = $"{distribution.Name.Replace('-', '_')}-{distribution.Version}.dist-info";
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(payload, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(payload, file).Replace('\\', '/')] = File.ReadAllBytes(file);

        var metadata = new StringBuilder();
        metadata.Append("Metadata-Version: 2.1\n");
        metadata.Append("Name: ").Append(distribution.Name).Append('\n');
        metadata.Append("Version: ").Append(distribution.Version).Append('\n');
        if (!string.IsNullOrEmpty(distribution.Summary))
            metadata.Append("Summary: ").Append(distribution.Summary).Append('\n');
        foreach (var requirement in requiresDist)
            metadata.Append("Requires-Dist: ").Append(requirement).Append('\n');
        files[$"{distInfo}/METADATA"] = Encoding.UTF8.GetBytes(metadata.ToString());
        var pure = tag.EndsWith("-none-any", StringComparison.Ordinal);
        files[$"{distInfo}/WHEEL"] = Encoding.UTF8.GetBytes(
            $"Wheel-Version: 1.0\nGenerator: cairn-wheelhouse (from {distribution.Package})\nRoot-Is-Purelib: {(pure ? "true" : "false")}\nTag: {tag}\n");
        if (distribution.EntryPoints is not null)
            files[$"{distInfo}/entry_points.txt"] = Encoding.UTF8.GetBytes(distribution.EntryPoints);

        var record = new StringBuilder();
        foreach (var (path, content) in files)
            record.Append(path).Append(",sha256=").Append(Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_')).Append(',').Append(content.Length).Append('\n');
        record.Append(distInfo).Append("/RECORD,,\n");
        files[$"{distInfo}/RECORD"] = Encoding.UTF8.GetBytes(record.ToString());

        Directory.CreateDirectory(outputDirectory);
        var wheel = Path.Combine(outputDirectory, $"{distribution.WheelName}-{distribution.Version}-{tag}.whl");
        var temp = wheel + ".tmp";
        using (var zip = new ZipArchive(File.Create(temp), ZipArchiveMode.Create))
        {
            foreach (var (path, content) in files)
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = Epoch;
                var mode = path.EndsWith(".so", StringComparison.Ordinal) || path.Contains(".so.", StringComparison.Ordinal) ? 0b111_101_101 : 0b110_100_100;
                entry.ExternalAttributes = (mode | 0x8000) << 16;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        File.Move(temp, wheel, overwrite: true);
        return wheel;
    }
}

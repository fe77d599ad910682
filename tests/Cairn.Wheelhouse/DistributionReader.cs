namespace Cairn.Wheelhouse;

/// <summary>Finds the Python distribution a Debian package ships under usr/lib/python3/dist-packages.</summary>
public static class DistributionReader
{
    /// <summary>dist-packages inside an unpacked .deb.</summary>
    public static string DistPackages(string unpacked) => Path.Combine(unpacked, "usr", "lib", "python3", "dist-packages");

    /// <summary>The distribution in <paramref name="unpacked"/>, or null when the package ships no metadata.</summary>
    public static PythonDistribution? Read(string package, string unpacked)
    {
        var site = DistPackages(unpacked);
        if (!Directory.Exists(site))
            return null;
        var metadata = Directory.EnumerateFileSystemEntries(site)
            .Where(e => e.EndsWith(".dist-info", StringComparison.Ordinal) || e.EndsWith(".egg-info", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (metadata is null)
            return null;

        // An egg-info may be a directory (PKG-INFO inside) or the PKG-INFO itself.
        var headersFile = Directory.Exists(metadata)
            ? Path.Combine(metadata, metadata.EndsWith(".dist-info", StringComparison.Ordinal) ? "METADATA" : "PKG-INFO")
            : metadata;
        if (!File.Exists(headersFile))
            return null;
        var headers = ReadHeaders(File.ReadAllLines(headersFile));
        if (!headers.TryGetValue("Name", out var name) || !headers.TryGetValue("Version", out var version))
            return null;
        var entryPoints = Directory.Exists(metadata) && File.Exists(Path.Combine(metadata, "entry_points.txt"))
            ? File.ReadAllText(Path.Combine(metadata, "entry_points.txt"))
            : null;
        return new PythonDistribution(package, name, version, headers.GetValueOrDefault("Summary"), metadata, entryPoints);
    }

    /// <summary>The first value of each header of an RFC 822 style metadata file (up to the first blank line).</summary>
    private static Dictionary<string, string> ReadHeaders(IEnumerable<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (line.Length == 0)
                break;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
                continue;
            headers.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }

        return headers;
    }
}

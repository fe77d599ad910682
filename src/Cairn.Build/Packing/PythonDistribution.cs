using System.Text.RegularExpressions;

namespace Cairn.Build.Packing;

/// <summary>
/// A Python distribution installed in the rock's venv, as its <c>*.dist-info/METADATA</c> (the core metadata
/// format, e-mail style headers) names it. <paramref name="License"/> is an SPDX expression or null.
/// </summary>
public sealed partial record PythonDistribution(string Name, string Version, string? License)
{
    /// <summary>The name as the package index compares names: lower case, runs of '-', '_' and '.' as one '-'.</summary>
    public string NormalizedName => Separators().Replace(Name, "-").ToLowerInvariant();

    /// <summary>
    /// Every distribution in a <c>site-packages</c> directory under <paramref name="prime"/> (the venv; Debian's
    /// own Python packages are in <c>dist-packages</c> and are listed as the Debian packages they are), sorted by
    /// normalized name, then version.
    /// </summary>
    public static IReadOnlyList<PythonDistribution> Under(string prime)
    {
        var found = new List<PythonDistribution>();
        if (!Directory.Exists(prime)) return found;
        foreach (var sitePackages in SitePackages(prime))
        {
            foreach (var distInfo in Directory.EnumerateDirectories(sitePackages, "*.dist-info"))
            {
                var metadata = Path.Combine(distInfo, "METADATA");
                if (File.Exists(metadata) && Parse(File.ReadAllText(metadata)) is { } distribution)
                    found.Add(distribution);
            }
        }

        return [.. found.DistinctBy(d => (d.NormalizedName, d.Version))
            .OrderBy(d => d.NormalizedName, StringComparer.Ordinal).ThenBy(d => d.Version, StringComparer.Ordinal)];
    }

    /// <summary>The distribution a METADATA file describes, or null when it names no name or version.</summary>
    public static PythonDistribution? Parse(string metadata)
    {
        var headers = new List<(string Key, string Value)>();
        foreach (var raw in metadata.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            // The headers end at the first blank line; the long description may follow.
            if (line.Length == 0) break;
            if (line[0] is ' ' or '\t')
            {
                if (headers.Count > 0) headers[^1] = (headers[^1].Key, headers[^1].Value + "\n" + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        string? First(string key) => headers.FirstOrDefault(h => string.Equals(h.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        if (First("Name") is not { Length: > 0 } name || First("Version") is not { Length: > 0 } version) return null;
        var classifiers = headers.Where(h => string.Equals(h.Key, "Classifier", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
        return new PythonDistribution(name, version, SpdxLicenses.FromPython(First("License-Expression"), First("License"), classifiers));
    }

    /// <summary><c>lib/pythonX.Y/site-packages</c> (and <c>lib64</c>, <c>usr/...</c>) under the prime directory, sorted.</summary>
    private static IEnumerable<string> SitePackages(string prime)
    {
        var roots = new[] { "lib", "lib64", "usr/lib", "usr/lib64", "usr/local/lib" };
        return roots.Select(r => Path.Combine(prime, r)).Where(d => Directory.Exists(d) && new DirectoryInfo(d).LinkTarget is null)
            .SelectMany(d => Directory.EnumerateDirectories(d, "python3*"))
            .Select(d => Path.Combine(d, "site-packages")).Where(Directory.Exists)
            .Order(StringComparer.Ordinal);
    }

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}

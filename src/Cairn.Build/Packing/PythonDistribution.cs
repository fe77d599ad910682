using System.Text.RegularExpressions;
using Cairn.Sandbox.Packages;

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

    /// <summary>
    /// The distribution a METADATA file describes, or null when it names no name or version. Its headers are the
    /// same shape as a control paragraph (folded lines, repeated fields such as Classifier, a blank line ending them).
    /// </summary>
    public static PythonDistribution? Parse(string metadata)
    {
        if (DebianControl.Parse(metadata) is not { } headers || headers["Name"] is not { Length: > 0 } name || headers["Version"] is not { Length: > 0 } version)
            return null;
        var classifiers = headers.Fields.Where(h => string.Equals(h.Key, "Classifier", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
        return new PythonDistribution(name, version, SpdxLicenses.FromPython(headers["License-Expression"], headers["License"], classifiers));
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

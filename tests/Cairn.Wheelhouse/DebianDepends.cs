using System.Text.RegularExpressions;

namespace Cairn.Wheelhouse;

/// <summary>
/// Turns a .deb's Depends into Requires-Dist: Debian strips most install_requires from the metadata it
/// ships, so the dependencies between Python distributions are read from the packaging instead.
/// </summary>
public static partial class DebianDepends
{
    [GeneratedRegex(@"^(?<name>[a-z0-9][a-z0-9+.-]*)(?::\w+)?\s*(?:\((?<op>[<>=]+)\s*(?<version>[^)]+)\))?$")]
    private static partial Regex Relation();

    [GeneratedRegex(@"^\d+(\.\d+)*$")]
    private static partial Regex PlainVersion();

    /// <summary>
    /// Requires-Dist lines for <paramref name="depends"/>: each relation whose first alternative is a Debian
    /// package in <paramref name="distributions"/> (package to distribution name) becomes a requirement;
    /// interpreter and C library relations are skipped. A lower bound is kept when it is a plain release
    /// number once Debian's epoch, revision and ~/+ suffixes are removed; other bounds are dropped because
    /// Debian versions do not always compare like Python's.
    /// </summary>
    public static IReadOnlyList<string> RequiresDist(string depends, IReadOnlyDictionary<string, string> distributions)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var relation in depends.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = relation.Split('|')[0].Trim();
            var match = Relation().Match(first);
            if (!match.Success || !distributions.TryGetValue(match.Groups["name"].Value, out var distribution))
                continue;
            var requirement = distribution;
            if (match.Groups["op"].Value == ">=" && UpstreamVersion(match.Groups["version"].Value) is { } version)
                requirement += ">=" + version;
            result.Add(requirement);
        }

        return result.ToArray();
    }

    /// <summary>2:1.2.3-4ubuntu1~ -> 1.2.3; null when what is left is not a plain release number.</summary>
    public static string? UpstreamVersion(string debian)
    {
        var version = debian.Trim();
        var colon = version.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
            version = version[(colon + 1)..];
        var dash = version.LastIndexOf('-');
        if (dash > 0)
            version = version[..dash];
        var cut = version.IndexOfAny(['~', '+']);
        if (cut >= 0)
            version = version[..cut];
        return PlainVersion().IsMatch(version) ? version : null;
    }
}

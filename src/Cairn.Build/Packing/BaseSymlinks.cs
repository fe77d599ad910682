namespace Cairn.Build.Packing;

/// <summary>
/// The directories that are symlinks in the base (<c>bin -> usr/bin</c> on usr-merged Ubuntu). A rock's layer
/// must not carry a real <c>bin/</c> directory over the base's symlink (it would hide <c>/usr/bin</c>), so paths
/// under such a directory are re-rooted under its target.
/// </summary>
public sealed class BaseSymlinks
{
    private readonly Dictionary<string, string> _targets;

    /// <param name="symlinks">Base path (no leading '/') -> the link's target as stored (absolute or relative).</param>
    public BaseSymlinks(IReadOnlyDictionary<string, string> symlinks)
    {
        _targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, target) in symlinks)
        {
            var clean = path.Trim('/');
            _targets[clean] = Resolve(clean, target);
        }
    }

    /// <summary>No symlinks at all (the bare base).</summary>
    public static BaseSymlinks None { get; } = new(new Dictionary<string, string>());

    /// <summary>
    /// The path a rock entry must have in its layer: the longest symlinked leading directory replaced by the
    /// link's target, repeated while the result still starts with one (bounded, since links can form cycles).
    /// Matching is on whole path components, so <c>binaries/x</c> is not under <c>bin</c>.
    /// </summary>
    public string Reroot(string path)
    {
        var current = path.Trim('/');
        for (var hops = 0; hops < 16; hops++)
        {
            var next = RerootOnce(current);
            if (next == current) return current;
            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> itself is a symlinked directory of the base (not to be emitted).</summary>
    public bool IsSymlinkedDirectory(string path) => _targets.ContainsKey(path.Trim('/'));

    private string RerootOnce(string path)
    {
        // Longest leading directory first; the entry itself (all components) is never re-rooted here.
        var components = path.Split('/');
        for (var count = components.Length - 1; count > 0; count--)
        {
            if (_targets.TryGetValue(string.Join('/', components, 0, count), out var target))
                return target + "/" + string.Join('/', components, count, components.Length - count);
        }

        return path;
    }

    // A relative target is relative to the link's own directory; the result is a clean path from the root.
    private static string Resolve(string linkPath, string target)
    {
        var parts = new List<string>();
        if (!target.StartsWith('/'))
        {
            var slash = linkPath.LastIndexOf('/');
            if (slash > 0) parts.AddRange(linkPath[..slash].Split('/'));
        }

        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}

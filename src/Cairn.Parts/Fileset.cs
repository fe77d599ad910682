using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// A <c>stage</c> or <c>prime</c> list: includes, <c>-</c> excludes, globs. <see cref="Select"/> applies it to a
/// tree given as relative paths, so the same code serves the install directory and the part's staged paths.
/// </summary>
public sealed class Fileset
{
    private readonly List<string> includes = [];
    private readonly List<string> excludes = [];

    /// <summary>Parses the entries of the <paramref name="key"/> fileset of <paramref name="part"/>.</summary>
    public Fileset(string part, string key, IReadOnlyList<string> entries)
    {
        foreach (var raw in entries)
        {
            var entry = raw;
            var isExclude = false;
            if (entry.StartsWith('-'))
            {
                // The flask extension writes "- flask/app/x"; the space is not part of the path.
                entry = entry[1..].TrimStart(' ');
                isExclude = true;
            }
            else if (entry.StartsWith('\\'))
            {
                entry = entry[1..];
            }

            if (entry.StartsWith('/'))
                throw PartsErrors.BadFileset(part, key, raw, "is an absolute path; fileset entries are relative to the part's install directory");
            entry = entry.TrimEnd('/');
            if (entry.Length == 0 || entry == ".")
                entry = "*";
            if (entry.Split('/').Contains(".."))
                throw PartsErrors.BadFileset(part, key, raw, "leaves the part's install directory");
            (isExclude ? excludes : includes).Add(entry);
        }
    }

    /// <summary>True when the fileset has no includes (so it means "everything, minus the excludes").</summary>
    public bool HasNoIncludes => includes.Count == 0;

    /// <summary>True when the fileset selects everything (no includes, or just <c>*</c>, and no excludes).</summary>
    public bool IsEverything => excludes.Count == 0 && (includes.Count == 0 || includes is ["*"]);

    /// <summary>
    /// The paths of <paramref name="tree"/> this fileset keeps: included paths and, for included directories,
    /// everything below; minus excluded paths and everything below them; plus the parents of what is kept.
    /// </summary>
    /// <param name="tree">The candidate paths and their kinds.</param>
    /// <param name="everythingWithoutIncludes">
    /// Start from every path of <paramref name="tree"/> when there are no includes (a prime fileset over what the part
    /// staged), rather than from the <c>*</c> glob, which leaves out hidden top-level names.
    /// </param>
    public SortedSet<string> Select(IReadOnlyDictionary<string, EntryKind> tree, bool everythingWithoutIncludes = false)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        if (everythingWithoutIncludes && (includes.Count == 0 || includes is ["*"]))
            kept.UnionWith(tree.Keys);
        else foreach (var include in includes.Count == 0 ? ["*"] : includes)
        {
            if (include.Contains('*'))
            {
                var glob = PathPattern.Glob(include);
                foreach (var path in tree.Keys)
                    if (glob.IsMatch(path)) AddWithDescendants(path, tree, kept);
            }
            else if (tree.ContainsKey(include))
            {
                AddWithDescendants(include, tree, kept);
            }
        }

        foreach (var exclude in excludes)
        {
            var glob = PathPattern.Glob(exclude);
            var removed = kept.Where(p => glob.IsMatch(p)).ToList();
            foreach (var path in removed)
            {
                var prefix = path + "/";
                kept.RemoveWhere(p => p == path || p.StartsWith(prefix, StringComparison.Ordinal));
            }
        }

        var result = new SortedSet<string>(kept, StringComparer.Ordinal);
        foreach (var path in kept)
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
                result.Add(path[..slash]);
        return result;
    }

    private static void AddWithDescendants(string path, IReadOnlyDictionary<string, EntryKind> tree, HashSet<string> kept)
    {
        // Already kept means its descendants are too (both ways in add them all).
        if (!kept.Add(path)) return;
        if (tree[path] != EntryKind.Directory) return;
        var prefix = path + "/";
        foreach (var other in tree.Keys)
            if (other.StartsWith(prefix, StringComparison.Ordinal)) kept.Add(other);
    }
}

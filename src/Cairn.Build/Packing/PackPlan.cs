using Cairn.Oci.Layers;
using Cairn.Parts;

namespace Cairn.Build.Packing;

/// <summary>
/// Turns <c>prime/</c> into the entries of the rock's layers. Owner and mode come from the parts'
/// <c>permissions</c>, else root and the umask-independent <see cref="EntryMode"/>, never from the disk's owner.
/// Paths under a directory that is a symlink in the base are re-rooted under its target (<c>bin/x</c> →
/// <c>usr/bin/x</c>); a path that is itself such a symlink is not emitted (it would replace the base's link);
/// files identical to the base's are left out; every layer carries its entries' parent directories with the
/// same metadata (the base's where the base has them), so no later layer silently changes an earlier owner.
/// </summary>
public sealed class PackPlan
{
    private readonly string _prime;
    private readonly TarIndex? _base;
    private readonly Dictionary<string, PathPermission> _permissions;
    private readonly Dictionary<string, string> _partOf = new(StringComparer.Ordinal);

    /// <param name="result">The lifecycle's result: prime, what each part primed, the recorded permissions.</param>
    /// <param name="baseIndex">The base's files, or null for bare.</param>
    public PackPlan(LifecycleResult result, TarIndex? baseIndex)
    {
        _prime = result.PrimeDirectory;
        _base = baseIndex;
        _permissions = result.Permissions.ToDictionary(p => p.Path.Trim('/'), StringComparer.Ordinal);
        // Parts are primed in name order and a later part's claim wins, as the directory's final owner does upstream.
        foreach (var (part, paths) in result.PrimedPaths.OrderBy(p => p.Key, StringComparer.Ordinal))
            foreach (var path in paths)
                _partOf[path.Trim('/')] = part;
    }

    /// <summary>The entries of each rock layer (empty layers included), from a walk of prime in sorted order.</summary>
    public IReadOnlyDictionary<RockLayer, List<LayerEntry>> Entries()
    {
        var layers = Enum.GetValues<RockLayer>().ToDictionary(l => l, _ => new List<LayerEntry>());
        var parents = Enum.GetValues<RockLayer>().ToDictionary(l => l, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var path in Walk())
        {
            var entry = EntryFor(path);
            if (entry is null || entry.Kind == LayerEntryKind.Directory) continue; // directories come with their contents
            var layer = _partOf.TryGetValue(path, out var part) ? LayerGroups.Of(part) : RockLayer.Packages;
            if (_base is not null && _base.Matches(entry)) continue;
            layers[layer].Add(entry);
            for (var parent = ParentOf(path); parent is not null; parent = ParentOf(parent))
                parents[layer].Add(parent);
        }

        // Directories primed empty (/var/log/flask, /opt/promtail) are entries of their own.
        foreach (var path in Walk().Where(p => Directory.Exists(Path.Combine(_prime, p)) && !IsLink(p) && IsEmptyDirectory(p)))
        {
            var layer = _partOf.TryGetValue(path, out var part) ? LayerGroups.Of(part) : RockLayer.Packages;
            parents[layer].Add(path);
            for (var parent = ParentOf(path); parent is not null; parent = ParentOf(parent))
                parents[layer].Add(parent);
        }

        foreach (var (layer, directories) in parents)
            foreach (var directory in directories)
                if (DirectoryEntry(directory) is { } entry)
                    layers[layer].Add(entry);
        return layers;
    }

    /// <summary>The layer entry for a primed path, re-rooted; null when it must not be emitted.</summary>
    private LayerEntry? EntryFor(string path)
    {
        var full = Path.Combine(_prime, path);
        if (IsLink(path))
        {
            if (_base is not null && _base.TryGet(path, out var existing) && existing.Kind == LayerEntryKind.Symlink)
                return null; // the base's link wins (a venv's lib64 -> lib must not replace lib64 -> usr/lib64)
            var target = new FileInfo(full).LinkTarget!;
            return LayerEntry.Symlink(Reroot(path), target, Owner(path));
        }

        if (Directory.Exists(full)) return DirectoryEntry(path);
        var mode = Permission(path)?.Mode ?? EntryMode.Normalise((int)File.GetUnixFileMode(full));
        return LayerEntry.File(Reroot(path), LayerContent.FromFile(full), mode, Owner(path));
    }

    private LayerEntry? DirectoryEntry(string path)
    {
        if (_base is not null && _base.IsDirectoryLink(path)) return null;
        var target = Reroot(path);
        var permission = Permission(path);
        if (permission is null && _base is not null && _base.TryGet(target, out var existing) && existing.Kind == LayerEntryKind.Directory)
            return LayerEntry.Directory(target, existing.Mode, new FileOwner(existing.Uid, existing.Gid));
        var mode = permission?.Mode ?? EntryMode.Normalise((int)File.GetUnixFileMode(Path.Combine(_prime, path)));
        return LayerEntry.Directory(target, mode, Owner(path));
    }

    private PathPermission? Permission(string path) => _permissions.GetValueOrDefault(path);

    private FileOwner Owner(string path) =>
        Permission(path) is { Owner: { } uid, Group: { } gid } ? new FileOwner(uid, gid) : FileOwner.Root;

    private string Reroot(string path) => _base is null ? path : _base.Reroot(path);

    private bool IsLink(string path) => new FileInfo(Path.Combine(_prime, path)).LinkTarget is not null;

    private bool IsEmptyDirectory(string path) => !Directory.EnumerateFileSystemEntries(Path.Combine(_prime, path)).Any();

    private static string? ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }

    /// <summary>Every path under prime, relative, '/'-separated, sorted, without following symlinks.</summary>
    private IEnumerable<string> Walk()
    {
        var pending = new Stack<string>();
        pending.Push("");
        var found = new List<string>();
        while (pending.Count > 0)
        {
            var relative = pending.Pop();
            foreach (var child in Directory.EnumerateFileSystemEntries(Path.Combine(_prime, relative)))
            {
                var name = relative.Length == 0 ? Path.GetFileName(child) : relative + "/" + Path.GetFileName(child);
                found.Add(name);
                if (Directory.Exists(child) && new DirectoryInfo(child).LinkTarget is null)
                    pending.Push(name);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}

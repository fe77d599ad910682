using Cairn.Oci.Layers;
using Cairn.Parts;
using Cairn.Project.Model;

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
    private readonly Dictionary<string, RockLayer> _layerOf = new(StringComparer.Ordinal);

    /// <param name="result">The lifecycle's result: prime, what each part primed, the recorded permissions.</param>
    /// <param name="baseIndex">The base's files, or null for bare.</param>
    public PackPlan(LifecycleResult result, TarIndex? baseIndex)
    {
        _prime = result.PrimeDirectory;
        _base = baseIndex;
        _permissions = result.Permissions.ToDictionary(p => p.Path.Trim('/'), StringComparer.Ordinal);
        // Parts are primed in name order and a later part's claim wins, as the directory's final owner does upstream.
        foreach (var (part, paths) in result.PrimedPaths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var layer = LayerGroups.Of(part);
            foreach (var path in paths)
                _layerOf[path.Trim('/')] = layer;
        }
    }

    /// <summary>The entries of each rock layer (empty layers included), from a walk of prime in sorted order.</summary>
    public IReadOnlyDictionary<RockLayer, List<LayerEntry>> Entries()
    {
        var (walked, emptyDirectories) = Walk();
        var layers = Enum.GetValues<RockLayer>().ToDictionary(l => l, _ => new List<LayerEntry>());
        var parents = Enum.GetValues<RockLayer>().ToDictionary(l => l, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var (path, info) in walked)
        {
            var entry = EntryFor(path, info);
            if (entry is null || entry.Kind == LayerEntryKind.Directory) continue; // directories come with their contents
            var layer = _layerOf.GetValueOrDefault(path, RockLayer.Packages);
            if (_base is not null && _base.Matches(entry)) continue;
            layers[layer].Add(entry);
            for (var parent = ParentOf(path); parent is not null; parent = ParentOf(parent))
                parents[layer].Add(parent);
        }

        // Directories primed empty (/var/log/flask, /opt/promtail) are entries of their own.
        foreach (var path in emptyDirectories)
        {
            var layer = _layerOf.GetValueOrDefault(path, RockLayer.Packages);
            parents[layer].Add(path);
            for (var parent = ParentOf(path); parent is not null; parent = ParentOf(parent))
                parents[layer].Add(parent);
        }

        foreach (var (layer, directories) in parents)
            foreach (var directory in directories)
                if (DirectoryEntry(directory, walked[directory]) is { } entry)
                    layers[layer].Add(entry);
        return layers;
    }

    /// <summary>The layer entry for a primed path, re-rooted; null when it must not be emitted.</summary>
    private LayerEntry? EntryFor(string path, FileSystemInfo info)
    {
        if (IsLink(info))
        {
            if (_base is not null && _base.TryGet(path, out var existing) && existing.Kind == LayerEntryKind.Symlink)
                return null; // the base's link wins (a venv's lib64 -> lib must not replace lib64 -> usr/lib64)
            return LayerEntry.Symlink(Reroot(path), info.LinkTarget!, Owner(path));
        }

        if (info is DirectoryInfo) return DirectoryEntry(path, info);
        var mode = Permission(path)?.Mode ?? EntryMode.Normalise((int)info.UnixFileMode);
        return LayerEntry.File(Reroot(path), LayerContent.FromFile(info.FullName), mode, Owner(path));
    }

    private LayerEntry? DirectoryEntry(string path, FileSystemInfo info)
    {
        if (_base is not null && _base.IsDirectoryLink(path)) return null;
        var target = Reroot(path);
        var permission = Permission(path);
        if (permission is null && _base is not null && _base.TryGet(target, out var existing) && existing.Kind == LayerEntryKind.Directory)
            return LayerEntry.Directory(target, existing.Mode, new FileOwner(existing.Uid, existing.Gid));
        var mode = permission?.Mode ?? EntryMode.Normalise((int)info.UnixFileMode);
        return LayerEntry.Directory(target, mode, Owner(path));
    }

    private PathPermission? Permission(string path) => _permissions.GetValueOrDefault(path);

    private FileOwner Owner(string path) =>
        Permission(path) is { Owner: { } uid, Group: { } gid } ? new FileOwner(uid, gid) : FileOwner.Root;

    private string Reroot(string path) => _base is null ? path : _base.Reroot(path);

    private static bool IsLink(FileSystemInfo info) => info.Attributes.HasFlag(FileAttributes.ReparsePoint);

    private static string? ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }

    /// <summary>
    /// Every path under prime (relative, '/'-separated, sorted, symlinks not followed) with what one look at it
    /// told (kind, mode, link target), and the directories that are empty.
    /// </summary>
    private (SortedDictionary<string, FileSystemInfo> Walked, List<string> EmptyDirectories) Walk()
    {
        var walked = new SortedDictionary<string, FileSystemInfo>(StringComparer.Ordinal);
        var empty = new List<string>();
        var pending = new Stack<(string Relative, DirectoryInfo Directory)>();
        pending.Push(("", new DirectoryInfo(_prime)));
        while (pending.Count > 0)
        {
            var (relative, directory) = pending.Pop();
            var any = false;
            foreach (var child in directory.EnumerateFileSystemInfos())
            {
                any = true;
                var name = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
                walked.Add(name, child);
                if (child is DirectoryInfo subdirectory && !IsLink(child))
                    pending.Push((name, subdirectory));
            }

            if (!any && relative.Length > 0)
                empty.Add(relative);
        }

        empty.Sort(StringComparer.Ordinal);
        return (walked, empty);
    }
}

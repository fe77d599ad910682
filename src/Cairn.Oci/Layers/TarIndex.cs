using Cairn.Oci.Storage;

namespace Cairn.Oci.Layers;

/// <summary>
/// What a tar archive (a base root filesystem) holds, by path: kind, mode, owner, link target, size and content
/// digest. It answers the two questions a layer on top of a base asks: where does a path really land when a
/// directory of it is a symlink in the base (<see cref="Reroot"/>: <c>bin/x</c> → <c>usr/bin/x</c>), and is an
/// entry already in the base unchanged (<see cref="Matches"/>), so it can be left out.
/// </summary>
public sealed class TarIndex
{
    private const int MaxSymlinkHops = 40; // as Linux's MAXSYMLINKS

    private readonly Dictionary<string, TarIndexEntry> _entries;

    internal TarIndex(Dictionary<string, TarIndexEntry> entries)
    {
        _entries = entries;
    }

    /// <summary>Every indexed path (devices and fifos are not indexed).</summary>
    public IReadOnlyDictionary<string, TarIndexEntry> Entries => _entries;

    /// <summary>Indexes a tar archive, plain or gzip-compressed; CAIRN5007 when it cannot be read.</summary>
    public static async Task<TarIndex> ReadAsync(string tarPath, CancellationToken cancellationToken = default)
    {
        var builder = new Builder();
        await BaseTarReader.ReadAsync(tarPath, async (entry, header, data) =>
        {
            Digest? digest = null;
            if (data is not null)
            {
                await using var hashing = new HashingStream(data, leaveOpen: true);
                await hashing.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                digest = hashing.GetDigest();
            }

            builder.Add(entry, header, digest);
        }, cancellationToken).ConfigureAwait(false);
        return builder.Build();
    }

    /// <summary>An index of entries that were never a tar archive (a base described in code); files carry no content.</summary>
    public static TarIndex FromEntries(IEnumerable<LayerEntry> entries) =>
        new(entries.ToDictionary(
            e => EntryPath.Normalise(e.Path),
            e => new TarIndexEntry(EntryPath.Normalise(e.Path), e.Kind, e.Mode, e.Owner.Uid, e.Owner.Gid, e.LinkTarget, 0, null),
            StringComparer.Ordinal));

    /// <summary>The entry at <paramref name="path"/> (any form <see cref="EntryPath.Normalise"/> accepts), if any.</summary>
    public bool TryGet(string path, out TarIndexEntry entry) => _entries.TryGetValue(EntryPath.Normalise(path), out entry!);

    /// <summary>
    /// Where <paramref name="path"/> lands in a root filesystem made of this archive: each leading directory
    /// that is a symlink here is replaced by its target (relative targets resolved against the link's parent,
    /// absolute ones against the root), repeatedly, as the kernel would. The last component is resolved too
    /// when it is a symlink to a directory, so <c>Reroot("bin")</c> is <c>usr/bin</c>.
    /// </summary>
    public string Reroot(string path)
    {
        var components = new List<string>(EntryPath.Normalise(path).Split('/'));
        for (var hops = 0; hops <= MaxSymlinkHops; hops++)
        {
            var resolvedAt = -1;
            for (var i = 0; i < components.Count && resolvedAt < 0; i++)
            {
                var prefix = string.Join('/', components.Take(i + 1));
                if (_entries.TryGetValue(prefix, out var entry) && entry.Kind == LayerEntryKind.Symlink
                    && (i < components.Count - 1 || IsDirectoryLink(prefix)))
                    resolvedAt = i;
            }

            if (resolvedAt < 0)
                return string.Join('/', components);
            var link = string.Join('/', components.Take(resolvedAt + 1));
            var target = Resolve(EntryPath.Parent(link), _entries[link].LinkTarget!);
            components = [.. target, .. components.Skip(resolvedAt + 1)];
        }

        throw OciErrors.InvalidPath(path, $"more than {MaxSymlinkHops} symlinks in the base on the way to it");
    }

    /// <summary>True when <paramref name="path"/> is a symlink here whose target (followed) is a directory, e.g. <c>bin</c> on Ubuntu.</summary>
    public bool IsDirectoryLink(string path)
    {
        var normal = EntryPath.Normalise(path);
        if (!_entries.TryGetValue(normal, out var entry) || entry.Kind != LayerEntryKind.Symlink)
            return false;
        var target = Resolve(EntryPath.Parent(normal), entry.LinkTarget!);
        if (target.Count == 0)
            return true; // a link to the root
        var resolved = Reroot(string.Join('/', target));
        return _entries.TryGetValue(resolved, out var final) && final.Kind == LayerEntryKind.Directory;
    }

    /// <summary>
    /// True when the archive already has <paramref name="entry"/> as it is: a file with the same mode, owner and
    /// content (hashed only when kind, mode, owner and size agree), a directory with the same mode and owner, or
    /// a symlink with the same target and owner. Hard links never match. The entry's path is taken as is (call
    /// <see cref="Reroot"/> first).
    /// </summary>
    public bool Matches(LayerEntry entry)
    {
        if (!_entries.TryGetValue(EntryPath.Normalise(entry.Path), out var base_) || base_.Kind != entry.Kind
            || base_.Uid != entry.Owner.Uid || base_.Gid != entry.Owner.Gid)
            return false;
        switch (entry.Kind)
        {
            case LayerEntryKind.Directory:
                return base_.Mode == entry.Mode;
            case LayerEntryKind.Symlink:
                return base_.LinkTarget == entry.LinkTarget;
            case LayerEntryKind.File when entry.Content is not null && base_.Mode == entry.Mode && base_.Size == entry.Content.Length:
                using (var stream = entry.Content.OpenRead())
                    return Digest.Compute(stream) == base_.ContentDigest;
            default:
                return false;
        }
    }

    // A link target as path components from the root; ".." above the root stays at the root, as the kernel does.
    private static List<string> Resolve(string? linkParent, string target)
    {
        var components = new List<string>();
        if (!target.StartsWith('/') && linkParent is not null)
            components.AddRange(linkParent.Split('/'));
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (components.Count > 0)
                    components.RemoveAt(components.Count - 1);
                continue;
            }

            components.Add(part);
        }

        return components;
    }

    /// <summary>Collects entries in archive order; a later entry for a path replaces an earlier one, as extraction does.</summary>
    internal sealed class Builder
    {
        private readonly Dictionary<string, TarIndexEntry> _entries = new(StringComparer.Ordinal);

        public void Add(LayerEntry entry, TarHeader header, Digest? contentDigest)
        {
            var size = header.Size;
            if (entry.Kind == LayerEntryKind.Hardlink && _entries.TryGetValue(entry.LinkTarget!, out var target))
                (size, contentDigest) = (target.Size, target.ContentDigest);
            _entries[entry.Path] = new TarIndexEntry(
                entry.Path, entry.Kind, entry.Mode, entry.Owner.Uid, entry.Owner.Gid, entry.LinkTarget, size, contentDigest);
        }

        public TarIndex Build() => new(_entries);
    }
}

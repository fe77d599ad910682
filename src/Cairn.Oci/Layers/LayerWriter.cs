using Cairn.Oci.Storage;

namespace Cairn.Oci.Layers;

/// <summary>
/// Writes a reproducible layer: the same entries give the same bytes, whatever their order, the disk's
/// mtimes, owners or umask, and whoever runs the build. Entries are de-duplicated and sorted (a directory right
/// before its contents), missing parent directories are added with <see cref="LayerWriterOptions"/>' mode and
/// owner, every mtime is <see cref="LayerWriterOptions.ModificationTime"/>, and the gzip stream has a fixed
/// header (no name, mtime 0). The tar and the gzip are hashed while they are written, into a temp file that
/// becomes the blob only when complete.
/// </summary>
public sealed class LayerWriter(BlobStore store, LayerWriterOptions? options = null)
{
    private readonly LayerWriterOptions _options = options ?? new LayerWriterOptions();

    /// <summary>Writes the layer made of <paramref name="entries"/> into the store.</summary>
    /// <param name="onWritten">Told the bytes of file content written so far, after each entry (how far a large layer is).</param>
    public async Task<Layer> WriteAsync(IEnumerable<LayerEntry> entries, CancellationToken cancellationToken = default, Action<long>? onWritten = null)
    {
        var plan = Plan(entries);
        var mtime = _options.ModificationTime.ToUnixTimeSeconds();
        if (mtime < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "internal error: layer mtimes before 1970 cannot be written");

        await using var blob = store.BeginWrite();
        var diffId = await TarGzip.WriteAsync(blob.Stream, _options.Compression, async tar =>
        {
            long written = 0;
            foreach (var entry in plan)
            {
                await WriteEntryAsync(tar, entry, mtime, cancellationToken).ConfigureAwait(false);
                if (onWritten is not null && entry.Content is not null) onWritten(written += entry.Content.Length);
            }
        }, cancellationToken).ConfigureAwait(false);
        var (digest, size) = await blob.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new Layer(new Descriptor { MediaType = MediaTypes.LayerGzip, Digest = digest, Size = size }, diffId);
    }

    /// <summary>
    /// The entries exactly as they will be written: normalised paths, de-duplicated, parents added, hard-link
    /// groups resolved, sorted. Throws CAIRN5001/5002/5003/5009 for entries that cannot make a layer.
    /// </summary>
    public IReadOnlyList<LayerEntry> Plan(IEnumerable<LayerEntry> entries)
    {
        var byPath = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        foreach (var raw in entries)
        {
            var entry = Validate(raw);
            if (byPath.TryGetValue(entry.Path, out var existing) && !AreSame(existing, entry))
                throw OciErrors.ConflictingEntries(entry.Path);
            byPath[entry.Path] = entry;
        }

        AddParents(byPath);
        ResolveHardlinks(byPath);
        var sorted = byPath.Values.ToList();
        sorted.Sort((a, b) => EntryPath.Order.Compare(a.Path, b.Path));
        return sorted;
    }

    private static LayerEntry Validate(LayerEntry entry)
    {
        var path = EntryPath.Normalise(entry.Path);
        if (entry.Mode is < 0 or > 0xFFF)
            throw OciErrors.InvalidPath(entry.Path, $"mode {Convert.ToString(entry.Mode, 8)} is not a permission mode (0 to 7777 octal)");
        if (entry.Owner.Uid < 0 || entry.Owner.Gid < 0)
            throw OciErrors.InvalidPath(entry.Path, "uid and gid cannot be negative");
        switch (entry.Kind)
        {
            case LayerEntryKind.File when entry.Content is null:
                throw OciErrors.InvalidPath(entry.Path, "a file entry needs content");
            case LayerEntryKind.Symlink when string.IsNullOrEmpty(entry.LinkTarget):
                throw OciErrors.InvalidLink(entry.Path, "has no target");
            case LayerEntryKind.Hardlink when string.IsNullOrEmpty(entry.LinkTarget):
                throw OciErrors.InvalidLink(entry.Path, "has no target");
            case LayerEntryKind.Hardlink:
                return entry with { Path = path, LinkTarget = EntryPath.Normalise(entry.LinkTarget!), Content = null };
            case LayerEntryKind.Directory or LayerEntryKind.Symlink:
                return entry with { Path = path, Content = null };
        }

        return entry with { Path = path };
    }

    // Two entries for one path are accepted only when they would write the same header and content.
    private static bool AreSame(LayerEntry a, LayerEntry b) =>
        a.Kind == b.Kind && a.Mode == b.Mode && a.Owner == b.Owner && a.LinkTarget == b.LinkTarget
        && (ReferenceEquals(a.Content, b.Content)
            || (a.Content is not null && b.Content is not null && a.Content.Source != "bytes" && a.Content.Source == b.Content.Source));

    private void AddParents(Dictionary<string, LayerEntry> byPath)
    {
        foreach (var path in byPath.Keys.ToList())
        {
            for (var parent = EntryPath.Parent(path); parent is not null; parent = EntryPath.Parent(parent))
            {
                if (byPath.TryGetValue(parent, out var existing))
                {
                    if (existing.Kind != LayerEntryKind.Directory)
                        throw OciErrors.ParentNotDirectory(path, parent);
                    continue;
                }

                byPath[parent] = LayerEntry.Directory(parent, _options.ParentDirectoryMode, _options.ParentDirectoryOwner);
            }
        }
    }

    // A tar hard link points back at an earlier entry. The group of paths sharing one file's content is
    // written as: the path that sorts first carries the content, the others link to it, whichever of them
    // the caller named as the original.
    private static void ResolveHardlinks(Dictionary<string, LayerEntry> byPath)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in byPath.Values.Where(e => e.Kind == LayerEntryKind.Hardlink))
        {
            var original = FindOriginal(byPath, entry);
            if (!groups.TryGetValue(original, out var members))
                groups[original] = members = [original];
            members.Add(entry.Path);
        }

        foreach (var (original, members) in groups)
        {
            var file = byPath[original];
            members.Sort(EntryPath.Order);
            var carrier = members[0];
            foreach (var member in members)
            {
                byPath[member] = member == carrier
                    ? file with { Path = member }
                    : new LayerEntry { Path = member, Kind = LayerEntryKind.Hardlink, LinkTarget = carrier, Mode = file.Mode, Owner = file.Owner };
            }
        }
    }

    private static string FindOriginal(Dictionary<string, LayerEntry> byPath, LayerEntry link)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { link.Path };
        var current = link;
        while (current.Kind == LayerEntryKind.Hardlink)
        {
            if (!byPath.TryGetValue(current.LinkTarget!, out var next))
                throw OciErrors.InvalidLink(link.Path, $"points at '{current.LinkTarget}', which is not in the layer");
            if (!seen.Add(next.Path))
                throw OciErrors.InvalidLink(link.Path, "is part of a cycle of hard links");
            current = next;
        }

        return current.Kind == LayerEntryKind.File
            ? current.Path
            : throw OciErrors.InvalidLink(link.Path, $"points at '{current.Path}', which is not a regular file");
    }

    private static async Task WriteEntryAsync(TarStreamWriter tar, LayerEntry entry, long mtime, CancellationToken cancellationToken)
    {
        var (type, name, link) = entry.Kind switch
        {
            LayerEntryKind.Directory => (TarHeader.DirectoryType, entry.Path + "/", null),
            LayerEntryKind.Symlink => (TarHeader.SymlinkType, entry.Path, entry.LinkTarget),
            LayerEntryKind.Hardlink => (TarHeader.HardlinkType, entry.Path, entry.LinkTarget),
            _ => (TarHeader.RegularType, entry.Path, (string?)null),
        };
        if (entry.Kind != LayerEntryKind.File)
        {
            await tar.WriteEntryAsync(new TarHeader(name, type, entry.Mode, entry.Owner, 0, mtime, link), null, "", cancellationToken).ConfigureAwait(false);
            return;
        }

        var content = entry.Content!;
        await using var stream = content.OpenRead();
        var header = new TarHeader(name, type, entry.Mode, entry.Owner, content.Length, mtime, null);
        await tar.WriteEntryAsync(header, stream, content.Source, cancellationToken).ConfigureAwait(false);
    }
}

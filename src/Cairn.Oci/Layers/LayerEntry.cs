namespace Cairn.Oci.Layers;

/// <summary>
/// One path in a layer, with everything its tar header records. Nothing comes from the disk but content:
/// mode and owner are what the entry says, so a rootless build can still make files owned by uid 584792.
/// </summary>
public sealed record LayerEntry
{
    /// <summary>Path inside the image, '/'-separated; a leading '/' or './' is ignored.</summary>
    public required string Path { get; init; }

    /// <summary>What the entry is.</summary>
    public required LayerEntryKind Kind { get; init; }

    /// <summary>Permission bits including setuid, setgid and sticky (at most 0o7777).</summary>
    public int Mode { get; init; }

    /// <summary>Owner recorded in the header.</summary>
    public FileOwner Owner { get; init; } = FileOwner.Root;

    /// <summary>The bytes of a <see cref="LayerEntryKind.File"/>; null for other kinds.</summary>
    public LayerContent? Content { get; init; }

    /// <summary>
    /// For a symlink: the target, written as given (relative or absolute). For a hard link: the path, inside
    /// this layer, of the regular file it shares content with.
    /// </summary>
    public string? LinkTarget { get; init; }

    /// <summary>A regular file.</summary>
    public static LayerEntry File(string path, LayerContent content, int mode = 0b110_100_100, FileOwner? owner = null) =>
        new() { Path = path, Kind = LayerEntryKind.File, Content = content, Mode = mode, Owner = owner ?? FileOwner.Root };

    /// <summary>A directory.</summary>
    public static LayerEntry Directory(string path, int mode = 0b111_101_101, FileOwner? owner = null) =>
        new() { Path = path, Kind = LayerEntryKind.Directory, Mode = mode, Owner = owner ?? FileOwner.Root };

    /// <summary>A symbolic link (mode 0777, as symlinks have).</summary>
    public static LayerEntry Symlink(string path, string target, FileOwner? owner = null) =>
        new() { Path = path, Kind = LayerEntryKind.Symlink, LinkTarget = target, Mode = 0b111_111_111, Owner = owner ?? FileOwner.Root };

    /// <summary>A hard link to the regular file at <paramref name="targetPath"/> in the same layer.</summary>
    public static LayerEntry Hardlink(string path, string targetPath, FileOwner? owner = null) =>
        new() { Path = path, Kind = LayerEntryKind.Hardlink, LinkTarget = targetPath, Owner = owner ?? FileOwner.Root };
}

namespace Cairn.Oci.Layers;

/// <summary>One path of an indexed tar archive.</summary>
/// <param name="Path">Normalised path (no leading '/' or './', no trailing '/').</param>
/// <param name="Kind">File, directory, symlink or hard link.</param>
/// <param name="Mode">Permission bits (at most 0o7777).</param>
/// <param name="Uid">Owner's user id.</param>
/// <param name="Gid">Owner's group id.</param>
/// <param name="LinkTarget">Symlink target as stored, or a hard link's normalised target path; null otherwise.</param>
/// <param name="Size">Content length (0 except for files and hard links to files).</param>
/// <param name="ContentDigest">sha256 of the content of a file (or of a hard link's target); null otherwise.</param>
public sealed record TarIndexEntry(
    string Path, LayerEntryKind Kind, int Mode, long Uid, long Gid, string? LinkTarget, long Size, Digest? ContentDigest);

namespace Cairn.Oci.Layers;

/// <summary>What one tar header records, already decided (path normalised, mtime fixed); input to <see cref="TarStreamWriter"/>.</summary>
internal readonly record struct TarHeader(
    string Name,
    byte TypeFlag,
    int Mode,
    FileOwner Owner,
    long Size,
    long ModificationTime,
    string? LinkName)
{
    public const byte RegularType = (byte)'0';
    public const byte HardlinkType = (byte)'1';
    public const byte SymlinkType = (byte)'2';
    public const byte DirectoryType = (byte)'5';
    public const byte PaxExtendedType = (byte)'x';
}

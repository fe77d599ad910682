using System.IO.Compression;

namespace Cairn.Oci.Layers;

/// <summary>How <see cref="LayerWriter"/> fills what the entries do not say.</summary>
public sealed record LayerWriterOptions
{
    /// <summary>The mtime of every entry: <c>SOURCE_DATE_EPOCH</c> (see <see cref="SourceDateEpoch"/>), or the Unix epoch.</summary>
    public DateTimeOffset ModificationTime { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>Mode of the parent directories the writer adds (default 0755).</summary>
    public int ParentDirectoryMode { get; init; } = 0b111_101_101;

    /// <summary>Owner of the parent directories the writer adds (default root).</summary>
    public FileOwner ParentDirectoryOwner { get; init; } = FileOwner.Root;

    /// <summary>gzip level; <see cref="CompressionLevel.Optimal"/> (zlib level 6) by default.</summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;
}

namespace Cairn.Oci.Layers;

/// <summary>
/// Where a file entry's bytes come from. Content is read only while the layer is written, once, so a large
/// tree is streamed and never held in memory.
/// </summary>
public abstract class LayerContent
{
    /// <summary>The number of bytes <see cref="OpenRead"/> gives.</summary>
    public abstract long Length { get; }

    /// <summary>A description for error messages (a host path, or "bytes").</summary>
    public abstract string Source { get; }

    /// <summary>Opens the content for reading from the start.</summary>
    public abstract Stream OpenRead();

    /// <summary>
    /// A stand-in for the content in cache keys, cheap to get: equal fingerprints mean equal bytes. A host file's is
    /// its stamp (device, inode, size, modification and change times), bytes' their digest.
    /// </summary>
    public abstract string Fingerprint { get; }

    /// <summary>The content of a file on the host (its disk mode, owner and mtime are ignored).</summary>
    public static LayerContent FromFile(string hostPath) => new HostFileContent(hostPath);

    /// <summary>Bytes held in memory.</summary>
    public static LayerContent FromBytes(ReadOnlyMemory<byte> bytes) => new BytesContent(bytes);

    /// <summary>Text, written as UTF-8 without a byte-order mark.</summary>
    public static LayerContent FromText(string text) => new BytesContent(System.Text.Encoding.UTF8.GetBytes(text));

    private sealed class HostFileContent(string hostPath) : LayerContent
    {
        private long? _length;

        public override long Length => _length ??= ReadLength();

        public override string Source => hostPath;

        public override string Fingerprint => FileStamp.Of(hostPath) ?? throw OciErrors.UnreadableContent(hostPath, "the file does not exist");

        public override Stream OpenRead()
        {
            try
            {
                return new FileStream(hostPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw OciErrors.UnreadableContent(hostPath, e.Message, e);
            }
        }

        private long ReadLength()
        {
            var info = new FileInfo(hostPath);
            return info.Exists ? info.Length : throw OciErrors.UnreadableContent(hostPath, "the file does not exist");
        }
    }

    private sealed class BytesContent(ReadOnlyMemory<byte> bytes) : LayerContent
    {
        public override long Length => bytes.Length;

        public override string Source => "bytes";

        public override string Fingerprint => Digest.Compute(bytes.Span).ToString();

        public override Stream OpenRead() => new MemoryStream(bytes.ToArray(), writable: false);
    }
}

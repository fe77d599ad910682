using Cairn.Files;
using Cairn.Oci.Images;
using Cairn.Oci.Json;
using Cairn.Oci.Layers;

namespace Cairn.Oci.Sinks;

/// <summary>
/// Writes an oci-archive: an uncompressed tar of an OCI image layout (<c>oci-layout</c>, <c>index.json</c>,
/// <c>blobs/sha256/…</c>), as <c>skopeo copy … oci-archive:FILE</c> and <c>podman load</c> read it. The tar is
/// written by the same reproducible writer as layers (sorted, mtime = the image's created time or 0, root-owned),
/// to a temp file in the target directory that is renamed over <see cref="Path"/> when complete.
/// </summary>
/// <param name="path">The archive to write, e.g. <c>hello_1.0_amd64.rock</c>.</param>
public sealed class OciArchiveSink(string path) : IImageSink
{
    private const int FileMode = 0b110_100_100;
    private const int DirectoryMode = 0b111_101_101;

    /// <summary>The archive's path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <inheritdoc />
    public async Task WriteAsync(BuiltImage image, CancellationToken cancellationToken = default)
    {
        try
        {
            await AtomicFile.WriteAsync(Path, stream => WriteArchiveAsync(stream, image, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OciErrors.UnwritableOutput(Path, e.Message, e);
        }
    }

    private static async Task WriteArchiveAsync(Stream stream, BuiltImage image, CancellationToken cancellationToken)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        var tar = new TarStreamWriter(buffered);
        var mtime = Math.Max(0, (image.Config.Created ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds());
        await WriteDirectoryAsync(tar, "blobs/", mtime, cancellationToken).ConfigureAwait(false);
        await WriteDirectoryAsync(tar, "blobs/sha256/", mtime, cancellationToken).ConfigureAwait(false);
        foreach (var blob in image.Blobs.DistinctBy(b => b.Digest).OrderBy(b => b.Digest.Hex, StringComparer.Ordinal))
        {
            await using var content = image.Store.OpenRead(blob.Digest);
            var header = new TarHeader("blobs/sha256/" + blob.Digest.Hex, TarHeader.RegularType, FileMode, FileOwner.Root, content.Length, mtime, null);
            await tar.WriteEntryAsync(header, content, image.Store.PathOf(blob.Digest), cancellationToken).ConfigureAwait(false);
        }

        await WriteFileAsync(tar, "index.json", OciJson.Serialize(image.Index), mtime, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(tar, "oci-layout", OciJson.Serialize(new OciLayoutFile()), mtime, cancellationToken).ConfigureAwait(false);
        await tar.FinishAsync(cancellationToken).ConfigureAwait(false);
        await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteDirectoryAsync(TarStreamWriter tar, string name, long mtime, CancellationToken cancellationToken) =>
        tar.WriteEntryAsync(new TarHeader(name, TarHeader.DirectoryType, DirectoryMode, FileOwner.Root, 0, mtime, null), null, name, cancellationToken);

    private static async Task WriteFileAsync(TarStreamWriter tar, string name, byte[] bytes, long mtime, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(bytes, writable: false);
        var header = new TarHeader(name, TarHeader.RegularType, FileMode, FileOwner.Root, bytes.Length, mtime, null);
        await tar.WriteEntryAsync(header, content, name, cancellationToken).ConfigureAwait(false);
    }
}

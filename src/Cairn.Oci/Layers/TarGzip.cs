using System.IO.Compression;
using Cairn.Oci.Storage;

namespace Cairn.Oci.Layers;

/// <summary>The one pipeline that turns tar entries into a gzip blob: tar → sha256 (diff id) → gzip → output.</summary>
internal static class TarGzip
{
    /// <summary>Runs <paramref name="writeEntries"/> against a tar writer whose gzip output goes to <paramref name="output"/>; returns the diff id.</summary>
    public static async Task<Digest> WriteAsync(Stream output, CompressionLevel level, Func<TarStreamWriter, Task> writeEntries, CancellationToken cancellationToken)
    {
        // A fixed header (no file name, mtime 0) and blocks at fixed offsets, so the same tar at the same level gives
        // the same bytes with the same zlib-ng; the blocks are compressed on every core.
        var gzip = new ParallelGzipStream(output, level);
        await using (gzip.ConfigureAwait(false))
        {
            using var tarHash = new HashingStream(gzip, leaveOpen: true);

            // 512-byte headers are batched before they reach the hash and the compressor. Not disposed: that
            // would dispose the hash before its digest is read; flushing is all it needs.
            var buffered = new BufferedStream(tarHash, 1 << 16);
            var tar = new TarStreamWriter(buffered);
            await writeEntries(tar).ConfigureAwait(false);
            await tar.FinishAsync(cancellationToken).ConfigureAwait(false);
            await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
            await gzip.FinishAsync(cancellationToken).ConfigureAwait(false);
            return tarHash.GetDigest();
        }
    }
}

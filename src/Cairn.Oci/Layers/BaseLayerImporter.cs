using Cairn.Oci.Storage;

namespace Cairn.Oci.Layers;

/// <summary>
/// Turns a base root filesystem tar (mmdebstrap's output) into a layer, and indexes it, in one pass.
/// The tar is normalised, not kept byte for byte, so the layer depends only on the files and not on the tar
/// program that wrote it: names lose their <c>./</c> prefix and the root entry, headers are re-encoded by
/// cairn's writer (no atime/ctime, no pid-named PAX headers), device nodes and fifos are left out (a container
/// runtime makes <c>/dev</c>; rootless tools cannot create them), and each mtime is clamped to
/// <see cref="LayerWriterOptions.ModificationTime"/> (older times are kept, so Python's cached bytecode stays
/// valid). Archive order, modes, owners and owner names are kept as they are.
/// </summary>
public sealed class BaseLayerImporter(BlobStore store, LayerWriterOptions? options = null)
{
    private readonly LayerWriterOptions _options = options ?? new LayerWriterOptions();

    /// <summary>Imports <paramref name="tarPath"/> (plain or gzip); CAIRN5007 when it cannot be read.</summary>
    public async Task<BaseLayerResult> ImportAsync(string tarPath, CancellationToken cancellationToken = default)
    {
        var clamp = _options.ModificationTime.ToUnixTimeSeconds();
        var index = new TarIndex.Builder();
        IReadOnlyList<string> omitted = [];
        await using var blob = store.BeginWrite();
        var diffId = await TarGzip.WriteAsync(blob.Stream, _options.Compression, async tar =>
        {
            omitted = await BaseTarReader.ReadAsync(tarPath, async (entry, header, data) =>
            {
                var clamped = header with { ModificationTime = Math.Min(header.ModificationTime, clamp) };
                if (data is null)
                {
                    await tar.WriteEntryAsync(clamped, null, tarPath, cancellationToken).ConfigureAwait(false);
                    index.Add(entry, header, null);
                    return;
                }

                await using var hashing = new HashingStream(data, leaveOpen: true);
                await tar.WriteEntryAsync(clamped, hashing, tarPath + ":" + entry.Path, cancellationToken).ConfigureAwait(false);
                index.Add(entry, header, hashing.GetDigest());
            }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var (digest, size) = await blob.CommitAsync(cancellationToken).ConfigureAwait(false);
        var layer = new Layer(new Descriptor { MediaType = MediaTypes.LayerGzip, Digest = digest, Size = size }, diffId);
        return new BaseLayerResult(layer, index.Build(), omitted);
    }
}

using System.Text.Json;
using Cairn.Files;
using Cairn.Oci.Json;
using Cairn.Oci.Storage;

namespace Cairn.Oci.Layers;

/// <summary>What <see cref="BaseLayerImporter"/> made of a base tar.</summary>
/// <param name="Layer">The normalised, gzip-compressed layer in the store.</param>
/// <param name="Index">The base's contents by path, for re-rooting and for leaving out unchanged files.</param>
/// <param name="Omitted">Paths left out of the layer (device nodes, fifos, other special files), in archive order.</param>
public sealed record BaseLayerResult(Layer Layer, TarIndex Index, IReadOnlyList<string> Omitted)
{
    /// <summary>
    /// Saves the result (layer descriptor, diff id, index, omitted paths) as JSON, atomically, so a later pack can
    /// skip the import: reading it back is much cheaper than reading and hashing the base tar again.
    /// </summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var record = new BaseLayerRecord(Layer, [.. Index.Entries.Values.OrderBy(e => e.Path, EntryPath.Order)], Omitted);
        try
        {
            await AtomicFile.WriteAsync(path, OciJson.Serialize(record), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OciErrors.UnwritableOutput(path, e.Message, e);
        }
    }

    /// <summary>
    /// A result saved by <see cref="SaveAsync"/>, or null when the file is missing or unreadable, or the layer blob
    /// is no longer in <paramref name="store"/> (then import again).
    /// </summary>
    public static BaseLayerResult? TryLoad(string path, BlobStore store)
    {
        try
        {
            var record = OciJson.DeserializeBaseLayer(File.ReadAllBytes(path));
            // A record of another shape (an older cairn's) deserialises with members missing: not usable.
            if (record.Layer?.Descriptor is null || record.Entries is null || record.Omitted is null || !store.Contains(record.Layer.Digest))
                return null;
            var entries = record.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
            return new BaseLayerResult(record.Layer, new TarIndex(entries), record.Omitted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

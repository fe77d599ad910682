using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Files;
using Cairn.Oci;
using Cairn.Oci.Json;
using Cairn.Oci.Storage;

namespace Cairn.Oci.Layers;

/// <summary>
/// Remembers which layer blob a set of entries (or a base tar, through <see cref="BaseLayerResult.SaveAsync"/>)
/// made, so an unchanged layer is not tarred and gzipped again; it sits beside the writer because it decides
/// nothing about a rock, only whether a write can be skipped. The key is a hash of everything that shapes the
/// layer's bytes (the planned entries, their content by <see cref="LayerContent.Fingerprint"/> so that nothing is
/// read, the writer's options), so a hit gives exactly the blob a fresh write would (a file rewritten in place has
/// another fingerprint); a record whose blob is gone from the store is ignored. Records are written atomically and
/// trusted only when complete.
/// </summary>
public sealed class LayerCache(BlobStore store, LayerWriterOptions options)
{
    /// <summary>Bumped when what a key covers changes.</summary>
    private const string FormatVersion = "5"; // 3: content by fingerprint; 4: the record is the layer itself; 5: gzip block by block

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Digest, bool> _written = new();

    private string Directory => Path.Combine(store.Root, "cache");

    /// <summary>True when this cache wrote <paramref name="layer"/> (or imported it) rather than finding it: what a pack's summary calls written.</summary>
    public bool Wrote(Layer layer) => _written.ContainsKey(layer.Digest);

    /// <summary>The layer of <paramref name="entries"/>, from the cache or written now.</summary>
    /// <param name="onWritten">When the layer is written, told the bytes of file content written so far (<see cref="LayerWriter.WriteAsync"/>).</param>
    public async Task<Layer> GetOrWriteAsync(IReadOnlyList<LayerEntry> entries, CancellationToken cancellationToken, Action<long>? onWritten = null)
    {
        var writer = new LayerWriter(store, options);
        var planned = writer.Plan(entries);
        var key = Key("layer", hash =>
        {
            foreach (var entry in planned)
            {
                Add(hash, $"{entry.Path}\0{entry.Kind}\0{entry.Mode}\0{entry.Owner.Uid}\0{entry.Owner.Gid}\0{entry.Owner.UserName}\0{entry.Owner.GroupName}\0{entry.LinkTarget}\0");
                if (entry.Content is not null)
                    Add(hash, entry.Content.Fingerprint + "\0");
            }
        });
        if (TryRead(key) is { } cached && store.Contains(cached.Digest))
            return cached;
        var layer = await writer.WriteAsync(planned, cancellationToken, onWritten).ConfigureAwait(false);
        Write(key, layer);
        _written[layer.Digest] = true;
        return layer;
    }

    /// <summary>The base tar's layer and index, from an earlier import's saved result or imported now.</summary>
    /// <param name="baseKey">What identifies the tar's content (the base cache entry's key).</param>
    public async Task<BaseLayerResult> GetOrImportBaseAsync(string tarPath, string baseKey, CancellationToken cancellationToken)
    {
        var saved = Path.Combine(Directory, Key("base", hash => Add(hash, baseKey)) + ".json");
        if (BaseLayerResult.TryLoad(saved, store) is { } loaded)
            return loaded;
        var imported = await new BaseLayerImporter(store, options).ImportAsync(tarPath, cancellationToken).ConfigureAwait(false);
        System.IO.Directory.CreateDirectory(Directory);
        await imported.SaveAsync(saved, cancellationToken).ConfigureAwait(false);
        _written[imported.Layer.Digest] = true;
        return imported;
    }

    private string Key(string kind, Action<IncrementalHash> addInputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, $"{FormatVersion}\0{kind}\0{options.ModificationTime.ToUnixTimeSeconds()}\0{options.Compression}\0{options.ParentDirectoryMode}\0{options.ParentDirectoryOwner}\0");
        addInputs(hash);
        return kind + "-" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    private Layer? TryRead(string key)
    {
        try
        {
            var layer = OciJson.DeserializeLayer(File.ReadAllBytes(Path.Combine(Directory, key + ".json")));
            return layer.Descriptor is null ? null : layer; // another shape (an older cairn's record): write again
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // missing or unreadable: write the layer again
        }
    }

    private void Write(string key, Layer layer)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, key + ".json");
        AtomicFile.Write(path, OciJson.Serialize(layer));
    }
}

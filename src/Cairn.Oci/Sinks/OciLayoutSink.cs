using System.Text.Json;
using Cairn.Files;
using Cairn.Oci.Images;
using Cairn.Oci.Json;

namespace Cairn.Oci.Sinks;

/// <summary>
/// Writes into an OCI image layout directory (https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md),
/// as <c>skopeo copy … oci:DIR:TAG</c> does: missing blobs are added (each by temp file and rename), then
/// <c>index.json</c> is replaced atomically, keeping the other tags it lists and replacing an entry with the
/// same tag. Until that last rename the layout still shows its previous state.
/// </summary>
/// <param name="directory">The layout directory; created when missing.</param>
public sealed class OciLayoutSink(string directory) : IImageSink
{
    /// <summary>The layout directory.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <inheritdoc />
    public async Task WriteAsync(BuiltImage image, CancellationToken cancellationToken = default)
    {
        try
        {
            await WriteLayoutAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OciErrors.UnwritableOutput(Directory, e.Message, e);
        }
    }

    private async Task WriteLayoutAsync(BuiltImage image, CancellationToken cancellationToken)
    {
        var blobDirectory = Path.Combine(Directory, "blobs", Digest.Sha256Algorithm);
        System.IO.Directory.CreateDirectory(blobDirectory);
        var index = ReadIndex();
        foreach (var blob in image.Blobs.DistinctBy(b => b.Digest))
        {
            var target = Path.Combine(blobDirectory, blob.Digest.Hex);
            if (File.Exists(target))
                continue;
            await AtomicFile.WriteAsync(target, async stream =>
            {
                await using var content = image.Store.OpenRead(blob.Digest);
                await content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        var layoutFile = Path.Combine(Directory, "oci-layout");
        if (!File.Exists(layoutFile))
            await AtomicFile.WriteAsync(layoutFile, OciJson.Serialize(new OciLayoutFile()), cancellationToken).ConfigureAwait(false);

        var manifests = index.Manifests
            .Where(m => m.Annotations is null || !m.Annotations.TryGetValue(AnnotationKeys.RefName, out var tag) || tag != image.Tag)
            .Append(image.ManifestDescriptor)
            .ToList();
        var updated = index with { Manifests = manifests };
        await AtomicFile.WriteAsync(Path.Combine(Directory, "index.json"), OciJson.Serialize(updated), cancellationToken).ConfigureAwait(false);
    }

    private ImageIndex ReadIndex()
    {
        var path = Path.Combine(Directory, "index.json");
        if (!File.Exists(path))
            return new ImageIndex { Manifests = [] };
        try
        {
            return OciJson.DeserializeIndex(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw OciErrors.InvalidLayout(Directory, $"its index.json is not an OCI image index ({e.Message})", e);
        }
    }
}

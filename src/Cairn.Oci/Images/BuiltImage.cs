using Cairn.Oci.Storage;

namespace Cairn.Oci.Images;

/// <summary>
/// An image whose config and manifest blobs are in <see cref="Store"/> beside its layers: everything a sink needs.
/// </summary>
/// <param name="Store">Holds every blob the manifest names, and the manifest.</param>
/// <param name="Tag">The reference name the index gives the manifest.</param>
/// <param name="ManifestDescriptor">The manifest blob, with the platform and <see cref="AnnotationKeys.RefName"/> annotation an index lists.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="Config">The image configuration.</param>
public sealed record BuiltImage(BlobStore Store, string Tag, Descriptor ManifestDescriptor, ImageManifest Manifest, ImageConfig Config)
{
    /// <summary>The manifest digest: the image's identity.</summary>
    public Digest Digest => ManifestDescriptor.Digest;

    /// <summary>An index listing just this image, as an OCI layout's <c>index.json</c>.</summary>
    public ImageIndex Index => new() { Manifests = [ManifestDescriptor] };

    /// <summary>Every blob of the image: layers (base first), config, manifest.</summary>
    public IEnumerable<Descriptor> Blobs => [.. Manifest.Layers, Manifest.Config, ManifestDescriptor];
}

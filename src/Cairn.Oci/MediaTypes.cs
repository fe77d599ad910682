namespace Cairn.Oci;

/// <summary>
/// The media types cairn writes and reads
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/media-types.md).
/// </summary>
public static class MediaTypes
{
    /// <summary>An image manifest.</summary>
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>An image index (a list of manifests).</summary>
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>An image configuration.</summary>
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>A layer: a tar archive, uncompressed.</summary>
    public const string Layer = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>A layer: a gzip-compressed tar archive (what cairn writes).</summary>
    public const string LayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>A layer: a zstd-compressed tar archive (read by other tools; cairn does not write it).</summary>
    public const string LayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
}

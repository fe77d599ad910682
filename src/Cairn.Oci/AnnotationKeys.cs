namespace Cairn.Oci;

/// <summary>
/// The pre-defined annotation keys (https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md).
/// The same keys serve as image config labels.
/// </summary>
public static class AnnotationKeys
{
    /// <summary>Date and time the image was built, RFC 3339.</summary>
    public const string Created = "org.opencontainers.image.created";

    /// <summary>Version of the packaged software.</summary>
    public const string Version = "org.opencontainers.image.version";

    /// <summary>Human-readable title.</summary>
    public const string Title = "org.opencontainers.image.title";

    /// <summary>Human-readable description.</summary>
    public const string Description = "org.opencontainers.image.description";

    /// <summary>SPDX licence expression.</summary>
    public const string Licenses = "org.opencontainers.image.licenses";

    /// <summary>Digest of the image this one is based on.</summary>
    public const string BaseDigest = "org.opencontainers.image.base.digest";

    /// <summary>Name of the base image.</summary>
    public const string BaseName = "org.opencontainers.image.base.name";

    /// <summary>In an index: the reference (tag) of a manifest inside an OCI layout.</summary>
    public const string RefName = "org.opencontainers.image.ref.name";
}

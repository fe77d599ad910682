using System.Text.Json.Serialization;
using Cairn.Oci.Json;

namespace Cairn.Oci;

/// <summary>
/// A reference to content: its media type, digest and size
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md).
/// </summary>
public sealed record Descriptor
{
    /// <summary>The media type of the referenced content.</summary>
    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary>The digest of the referenced content.</summary>
    [JsonPropertyName("digest")]
    public required Digest Digest { get; init; }

    /// <summary>The size of the referenced content in bytes.</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>Annotations, written sorted by key; null when there are none.</summary>
    [JsonPropertyName("annotations")]
    [JsonConverter(typeof(SortedMapConverter))]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The platform (in an index only); null elsewhere.</summary>
    [JsonPropertyName("platform")]
    public Platform? Platform { get; init; }

    /// <summary>Value equality including the annotation maps' contents (records compare dictionaries by reference).</summary>
    public bool Equals(Descriptor? other) =>
        other is not null && MediaType == other.MediaType && Digest == other.Digest && Size == other.Size
        && Platform == other.Platform && SortedMapConverter.AreEqual(Annotations, other.Annotations);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MediaType, Digest, Size);
}

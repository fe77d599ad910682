using System.Text.Json.Serialization;
using Cairn.Oci.Json;

namespace Cairn.Oci;

/// <summary>
/// An image index: a list of manifests, the top of an OCI layout (<c>index.json</c>)
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md).
/// </summary>
public sealed record ImageIndex
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    /// <summary>Always <see cref="MediaTypes.ImageIndex"/>.</summary>
    [JsonPropertyName("mediaType")]
    public string MediaType { get; init; } = MediaTypes.ImageIndex;

    /// <summary>The manifests; in a layout each carries <see cref="AnnotationKeys.RefName"/> (its tag).</summary>
    [JsonPropertyName("manifests")]
    public required IReadOnlyList<Descriptor> Manifests { get; init; }

    /// <summary>Annotations, written sorted by key; null when there are none.</summary>
    [JsonPropertyName("annotations")]
    [JsonConverter(typeof(SortedMapConverter))]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

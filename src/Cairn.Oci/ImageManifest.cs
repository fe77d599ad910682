using System.Text.Json.Serialization;
using Cairn.Oci.Json;

namespace Cairn.Oci;

/// <summary>
/// An image manifest: one config and an ordered list of layers, base first
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md).
/// </summary>
public sealed record ImageManifest
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    /// <summary>Always <see cref="MediaTypes.ImageManifest"/>; written because some tools need it (Rockcraft adds it too).</summary>
    [JsonPropertyName("mediaType")]
    public string MediaType { get; init; } = MediaTypes.ImageManifest;

    /// <summary>The image configuration blob.</summary>
    [JsonPropertyName("config")]
    public required Descriptor Config { get; init; }

    /// <summary>The layer blobs, base first.</summary>
    [JsonPropertyName("layers")]
    public required IReadOnlyList<Descriptor> Layers { get; init; }

    /// <summary>Annotations, written sorted by key; null when there are none.</summary>
    [JsonPropertyName("annotations")]
    [JsonConverter(typeof(SortedMapConverter))]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

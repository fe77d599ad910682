using System.Text.Json.Serialization;

namespace Cairn.Oci.Layers;

/// <summary>The saved form of a <see cref="BaseLayerResult"/>.</summary>
internal sealed record BaseLayerRecord(
    [property: JsonPropertyName("layer")] Layer Layer,
    [property: JsonPropertyName("entries")] IReadOnlyList<TarIndexEntry> Entries,
    [property: JsonPropertyName("omitted")] IReadOnlyList<string> Omitted);

using System.Text.Json.Serialization;
using Cairn.Oci.Json;

namespace Cairn.Oci;

/// <summary>One step of an image's history (https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#properties).</summary>
public sealed record HistoryEntry
{
    /// <summary>When the step ran; null to leave it out.</summary>
    [JsonPropertyName("created")]
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Created { get; init; }

    /// <summary>The command that made the layer.</summary>
    [JsonPropertyName("created_by")]
    public string? CreatedBy { get; init; }

    /// <summary>Who made the layer.</summary>
    [JsonPropertyName("author")]
    public string? Author { get; init; }

    /// <summary>A free-text comment.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    /// <summary>True when the step made no layer (then it has no diff id); left out when false.</summary>
    [JsonPropertyName("empty_layer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EmptyLayer { get; init; }
}

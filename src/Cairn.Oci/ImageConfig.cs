using System.Text.Json.Serialization;
using Cairn.Oci.Json;

namespace Cairn.Oci;

/// <summary>
/// The image configuration blob: platform, execution parameters, layer diff ids and history
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md).
/// Keys are written in the spec's order.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>When the image was created (RFC 3339, UTC); null to leave it out.</summary>
    [JsonPropertyName("created")]
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Created { get; init; }

    /// <summary>Who made the image; null to leave it out.</summary>
    [JsonPropertyName("author")]
    public string? Author { get; init; }

    /// <summary>GOARCH value, e.g. <c>amd64</c>.</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    /// <summary>GOOS value, <c>linux</c>.</summary>
    [JsonPropertyName("os")]
    public string OperatingSystem { get; init; } = "linux";

    /// <summary>CPU variant (<c>v8</c>, <c>v7</c>) or null.</summary>
    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    /// <summary>Execution parameters for a container made from the image.</summary>
    [JsonPropertyName("config")]
    public ContainerConfig Config { get; init; } = new();

    /// <summary>The uncompressed layers' digests, base first.</summary>
    [JsonPropertyName("rootfs")]
    public RootFs RootFs { get; init; } = new();

    /// <summary>One entry per layer (and per empty-layer step), base first.</summary>
    [JsonPropertyName("history")]
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];
}

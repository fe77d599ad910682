using System.Text.Json.Serialization;

namespace Cairn.Oci;

/// <summary>The <c>rootfs</c> object of an image configuration: the layers' diff ids (digests of the uncompressed tars), base first.</summary>
public sealed record RootFs
{
    /// <summary>Always <c>layers</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "layers";

    /// <summary>The uncompressed layers' digests, base first.</summary>
    [JsonPropertyName("diff_ids")]
    public IReadOnlyList<Digest> DiffIds { get; init; } = [];
}

using System.Text.Json.Serialization;

namespace Cairn.Oci.Json;

/// <summary>The <c>oci-layout</c> marker file of an image layout (https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md).</summary>
public sealed record OciLayoutFile
{
    /// <summary>Always <c>1.0.0</c>.</summary>
    [JsonPropertyName("imageLayoutVersion")]
    public string ImageLayoutVersion { get; init; } = "1.0.0";
}

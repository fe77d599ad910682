using System.Text.Json.Serialization;

namespace Cairn.Oci;

/// <summary>
/// The platform a manifest runs on, as an index descriptor carries it
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md#image-index-property-descriptions).
/// </summary>
/// <param name="Architecture">GOARCH value: <c>amd64</c>, <c>arm64</c>, <c>arm</c>, <c>ppc64le</c>, <c>s390x</c>, <c>riscv64</c>.</param>
/// <param name="OperatingSystem">GOOS value; <c>linux</c> for every image cairn writes.</param>
/// <param name="Variant">CPU variant (<c>v8</c> for arm64, <c>v7</c> for armhf) or null.</param>
public sealed record Platform(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string OperatingSystem = "linux",
    [property: JsonPropertyName("variant")] string? Variant = null)
{
    /// <summary>linux/amd64.</summary>
    public static Platform LinuxAmd64 { get; } = new("amd64");
}

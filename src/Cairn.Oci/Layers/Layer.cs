using System.Text.Json.Serialization;

namespace Cairn.Oci.Layers;

/// <summary>A layer blob in a store: its descriptor (gzip-compressed digest and size) and its diff id (digest of the uncompressed tar).</summary>
/// <param name="Descriptor">The compressed blob, as the manifest lists it.</param>
/// <param name="DiffId">The uncompressed tar's digest, as the config's <c>rootfs.diff_ids</c> lists it.</param>
public sealed record Layer(
    [property: JsonPropertyName("descriptor")] Descriptor Descriptor,
    [property: JsonPropertyName("diffId")] Digest DiffId)
{
    /// <summary>The compressed blob's digest.</summary>
    [JsonIgnore]
    public Digest Digest => Descriptor.Digest;
}

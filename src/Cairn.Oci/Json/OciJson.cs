using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cairn.Oci.Json;

/// <summary>
/// The one way cairn turns OCI documents into bytes and back. The bytes are canonical: keys in a fixed order
/// (declaration order, maps sorted), no whitespace, UTF-8 without escaping of <c>+</c>, <c>&lt;</c> and the like,
/// so a document's digest depends only on its content.
/// </summary>
public static class OciJson
{
    private static readonly OciJsonContext Context = new(new System.Text.Json.JsonSerializerOptions(OciJsonContext.Default.Options)
    {
        // The default encoder escapes '+' (as in "...v1+json") for HTML safety; these bytes never go into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The canonical bytes of a manifest.</summary>
    public static byte[] Serialize(ImageManifest manifest) => Serialize(manifest, Context.ImageManifest);

    /// <summary>The canonical bytes of an index.</summary>
    public static byte[] Serialize(ImageIndex index) => Serialize(index, Context.ImageIndex);

    /// <summary>The canonical bytes of an image configuration.</summary>
    public static byte[] Serialize(ImageConfig config) => Serialize(config, Context.ImageConfig);

    /// <summary>The canonical bytes of the <c>oci-layout</c> file.</summary>
    public static byte[] Serialize(OciLayoutFile layout) => Serialize(layout, Context.OciLayoutFile);

    /// <summary>Reads a manifest; throws <see cref="JsonException"/> on malformed input.</summary>
    public static ImageManifest DeserializeManifest(ReadOnlySpan<byte> json) => Deserialize(json, Context.ImageManifest);

    /// <summary>Reads an index; throws <see cref="JsonException"/> on malformed input.</summary>
    public static ImageIndex DeserializeIndex(ReadOnlySpan<byte> json) => Deserialize(json, Context.ImageIndex);

    /// <summary>Reads an image configuration; throws <see cref="JsonException"/> on malformed input.</summary>
    public static ImageConfig DeserializeConfig(ReadOnlySpan<byte> json) => Deserialize(json, Context.ImageConfig);

    /// <summary>A layer's descriptor and diff id, as a layer cache remembers them.</summary>
    public static byte[] Serialize(Layers.Layer layer) => Serialize(layer, Context.Layer);

    /// <summary>Reads a layer saved by <see cref="Serialize(Layers.Layer)"/>; throws <see cref="JsonException"/> on malformed input.</summary>
    public static Layers.Layer DeserializeLayer(ReadOnlySpan<byte> json) => Deserialize(json, Context.Layer);

    /// <summary>The saved form of a base layer import.</summary>
    internal static byte[] Serialize(Layers.BaseLayerRecord record) => Serialize(record, Context.BaseLayerRecord);

    /// <summary>Reads a saved base layer import.</summary>
    internal static Layers.BaseLayerRecord DeserializeBaseLayer(ReadOnlySpan<byte> json) => Deserialize(json, Context.BaseLayerRecord);

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(json, typeInfo) ?? throw new JsonException($"expected a {typeof(T).Name}, found null");
}

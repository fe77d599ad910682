using System.Text.Json.Serialization;

namespace Cairn.Oci.Json;

/// <summary>Source-generated (reflection-free, AOT-safe) serialisation of the OCI documents.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(OciLayoutFile))]
[JsonSerializable(typeof(Layers.Layer))]
[JsonSerializable(typeof(Layers.BaseLayerRecord))]
internal sealed partial class OciJsonContext : JsonSerializerContext;

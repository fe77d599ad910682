using System.Text.Json.Serialization;

namespace Cairn.Sandbox.Caching;

/// <summary>The cache entries' manifests as JSON, generated at build time: cairn is a Native AOT program, without reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(CacheEntryManifest))]
internal sealed partial class CacheJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Cairn.Parts;

/// <summary>
/// The state files' JSON, generated at build time: every cairn command reads them, and reflection-based
/// serialization would cost each one its warm-up (see docs/performance.md).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StepState))]
internal sealed partial class StateJson : JsonSerializerContext;

using System.Text.Json;

namespace Cairn.Pebble.Client;

/// <summary>An API answer as the client sees it: HTTP status and the parsed envelope.</summary>
internal sealed record ClientResponse(int Status, JsonElement Envelope)
{
    public JsonElement Result => Envelope.TryGetProperty("result", out var r) ? r : default;

    /// <summary>The error message of an error envelope.</summary>
    public string? ErrorMessage =>
        Envelope.TryGetProperty("type", out var t) && t.GetString() == "error" && Result.ValueKind == JsonValueKind.Object && Result.TryGetProperty("message", out var m)
            ? m.GetString()
            : null;
}

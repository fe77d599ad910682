using System.Text.Json;
using Cairn.Http;

namespace Cairn.Pebble.Daemon;

/// <summary>The API's JSON answers: upstream's <c>sync</c>, <c>async</c> and <c>error</c> envelopes.</summary>
internal static class ApiResponse
{
    /// <summary>A <c>sync</c> envelope around the result the writer writes (nothing written: no result key).</summary>
    public static HttpResponse Sync(Action<Utf8JsonWriter>? result, int status = 200) => Envelope("sync", status, null, result);

    /// <summary>A 202 <c>async</c> envelope naming the change.</summary>
    public static HttpResponse Async(string changeId) => Envelope("async", 202, changeId, null);

    /// <summary>An <c>error</c> envelope: <c>{"message", "kind"?}</c>.</summary>
    public static HttpResponse Error(int status, string message, string? kind = null) => Envelope("error", status, null, w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        if (kind is not null) w.WriteString("kind", kind);
        w.WriteEndObject();
    });

    private static HttpResponse Envelope(string type, int status, string? change, Action<Utf8JsonWriter>? result)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("status-code", status);
            w.WriteString("status", HttpStatus.Reason(status));
            if (change is not null) w.WriteString("change", change);
            if (result is not null)
            {
                w.WritePropertyName("result");
                result(w);
            }

            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return new HttpResponse { Status = status, ContentType = "application/json", Body = buffer.ToArray() };
    }

}

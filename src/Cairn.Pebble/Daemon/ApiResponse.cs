using System.Text;
using System.Text.Json;

namespace Cairn.Pebble.Daemon;

/// <summary>An API answer: status, content type, and either a body or a streaming writer (logs --follow).</summary>
internal sealed class ApiResponse
{
    public int Status { get; init; } = 200;
    public string ContentType { get; init; } = "application/json";
    public byte[] Body { get; init; } = [];

    /// <summary>When set, the body is streamed by this function until it returns or the client goes away.</summary>
    public Func<Stream, CancellationToken, Task>? Stream { get; init; }

    /// <summary>HTTP reason phrases for the statuses the API uses.</summary>
    public static string Reason(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        504 => "Gateway Timeout",
        _ => "Unknown",
    };

    /// <summary>A <c>sync</c> envelope around the result the writer writes (nothing written: no result key).</summary>
    public static ApiResponse Sync(Action<Utf8JsonWriter>? result, int status = 200) => Envelope("sync", status, null, result);

    /// <summary>A 202 <c>async</c> envelope naming the change.</summary>
    public static ApiResponse Async(string changeId) => Envelope("async", 202, changeId, null);

    /// <summary>An <c>error</c> envelope: <c>{"message", "kind"?}</c>.</summary>
    public static ApiResponse Error(int status, string message, string? kind = null) => Envelope("error", status, null, w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        if (kind is not null) w.WriteString("kind", kind);
        w.WriteEndObject();
    });

    private static ApiResponse Envelope(string type, int status, string? change, Action<Utf8JsonWriter>? result)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("status-code", status);
            w.WriteString("status", Reason(status));
            if (change is not null) w.WriteString("change", change);
            if (result is not null)
            {
                w.WritePropertyName("result");
                result(w);
            }

            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return new ApiResponse { Status = status, Body = buffer.ToArray() };
    }

    /// <summary>A plain body (used for errors before routing).</summary>
    public static ApiResponse Text(int status, string text) => new() { Status = status, ContentType = "text/plain", Body = Encoding.UTF8.GetBytes(text) };
}

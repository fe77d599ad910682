using System.Text;

namespace Cairn.StatsdExporter.Http;

/// <summary>A complete response: status, content type and body (sent with Content-Length).</summary>
public sealed record HttpResponse(int Status, string ContentType, ReadOnlyMemory<byte> Body)
{
    /// <summary>A text/plain response.</summary>
    public static HttpResponse Text(int status, string body) =>
        new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(body));

    /// <summary>The reason phrase for the status codes the exporter uses.</summary>
    public string Reason => Status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

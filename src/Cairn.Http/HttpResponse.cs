using System.Text;

namespace Cairn.Http;

/// <summary>An answer: status, content type, and either a body sent with Content-Length or a streamed one.</summary>
public sealed class HttpResponse
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "text/plain; charset=utf-8";

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>
    /// When set, the body is written by this function, without Content-Length, until it returns or the token says the
    /// client went away (or the server stops); the connection then closes.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? Stream { get; init; }

    /// <summary>A text/plain answer.</summary>
    public static HttpResponse Text(int status, string body) => new() { Status = status, Body = Encoding.UTF8.GetBytes(body) };
}

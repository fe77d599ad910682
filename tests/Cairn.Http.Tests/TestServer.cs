using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cairn.Http.Tests;

/// <summary>
/// An <see cref="HttpServer"/> on an ephemeral 127.0.0.1 port. Its handler answers <c>METHOD PATH body=N</c>, and
/// <c>/fail</c> throws, <c>/wait</c> waits until the request is aborted, <c>/stream</c> writes until it is.
/// </summary>
internal sealed class TestServer : IDisposable
{
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public TestServer(HttpLimits? limits = null, bool keepAlive = true)
    {
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        EndPoint = listener.LocalEndPoint!;
        Server = new HttpServer(limits ?? new HttpLimits(), keepAlive, Handle, (what, error) => { lock (log) log.Add($"{what}: {error}"); });
        Server.Start(listener);
    }

    public HttpServer Server { get; }

    public EndPoint EndPoint { get; }

    private readonly List<string> log = [];

    /// <summary>What the server reported so far, as a snapshot (the server adds to it from its own threads).</summary>
    public string[] Log
    {
        get
        {
            lock (log) return [.. log];
        }
    }

    /// <summary>Set when a <c>/wait</c> or <c>/stream</c> handler saw its request aborted.</summary>
    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a <c>/wait</c> or <c>/stream</c> handler has started.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => Server.Stop();

    private async Task<HttpResponse> Handle(HttpRequest request)
    {
        switch (request.Path)
        {
            case "/fail":
                throw new InvalidOperationException("boom");
            case "/wait":
                Waiting.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, request.Aborted);
                }
                finally
                {
                    Aborted.TrySetResult();
                }

                return HttpResponse.Text(200, "never");
            case "/stream":
                return new HttpResponse
                {
                    Stream = async (stream, token) =>
                    {
                        Waiting.TrySetResult();
                        try
                        {
                            while (true)
                            {
                                await stream.WriteAsync("line\n"u8.ToArray(), token);
                                await Task.Delay(10, token);
                            }
                        }
                        finally
                        {
                            Aborted.TrySetResult();
                        }
                    },
                };
            default:
                return HttpResponse.Text(200, $"{request.Method} {request.Path} body={request.Body.Length} sum={Sum(request.Body.Span)}");
        }
    }

    /// <summary>A cheap checksum, so a test can tell a body arrived whole and in order.</summary>
    public static long Sum(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        for (var i = 0; i < bytes.Length; i++) sum = (sum * 31 + bytes[i]) % 1_000_000_007;
        return sum;
    }

    public static string Request(string method, string target, int contentLength = -1, string extra = "") =>
        $"{method} {target} HTTP/1.1\r\nHost: localhost\r\n{(contentLength >= 0 ? $"Content-Length: {contentLength}\r\n" : "")}{extra}\r\n";

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}

using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Cairn.StatsdExporter.Hosting;

namespace Cairn.StatsdExporter.Http;

/// <summary>
/// A deliberately small HTTP/1.1 server over a listening socket: GET/HEAD/POST/PUT, keep-alive, Content-Length bodies
/// (read and ignored), no chunked requests, no TLS. It is enough for Prometheus scrapes and health probes and keeps the
/// AOT binary several megabytes smaller than Kestrel would.
/// </summary>
public sealed class HttpServer
{
    /// <summary>Largest request head accepted.</summary>
    public const int MaxHeaderBytes = 16 * 1024;

    /// <summary>Largest request body accepted (bodies are ignored anyway).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>How long a connection may sit idle or take to send a request.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    private const int MaxConnections = 128;

    private readonly Socket _listener;
    private readonly Func<HttpRequest, HttpResponse> _handler;
    private readonly Logger _logger;
    private int _connections;

    /// <summary>Creates a server on a bound, listening socket.</summary>
    public HttpServer(Socket listener, Func<HttpRequest, HttpResponse> handler, Logger logger)
    {
        _listener = listener;
        _handler = handler;
        _logger = logger;
    }

    /// <summary>Starts accepting connections.</summary>
    public void Start() => _ = SocketLoops.AcceptAsync(_listener, _logger, "HTTP", connection =>
    {
        if (Interlocked.Increment(ref _connections) > MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            connection.Dispose();
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await ServeAsync(connection).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _connections);
                connection.Dispose();
            }
        });
    });

    private async Task ServeAsync(Socket connection)
    {
        connection.NoDelay = true;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxHeaderBytes);
        var filled = 0;
        try
        {
            while (true)
            {
                using var timeout = new CancellationTokenSource(IdleTimeout);
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == MaxHeaderBytes)
                    {
                        await SendAsync(connection, HttpResponse.Text(431, "request header too large\n"), head: false, keepAlive: false).ConfigureAwait(false);
                        return;
                    }

                    var n = await connection.ReceiveAsync(buffer.AsMemory(filled, MaxHeaderBytes - filled), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (n == 0)
                        return;
                    filled += n;
                }

                var head = Encoding.Latin1.GetString(buffer, 0, headEnd);
                var consumed = headEnd + 4;
                if (!TryParseHead(head, out var request, out var version, out var headers))
                {
                    await SendAsync(connection, HttpResponse.Text(400, "bad request\n"), head: false, keepAlive: false).ConfigureAwait(false);
                    return;
                }

                if (headers.TryGetValue("transfer-encoding", out _))
                {
                    await SendAsync(connection, HttpResponse.Text(501, "chunked request bodies are not supported\n"), head: false, keepAlive: false).ConfigureAwait(false);
                    return;
                }

                long bodyLength = 0;
                if (headers.TryGetValue("content-length", out var lengthText) && (!long.TryParse(lengthText, out bodyLength) || bodyLength < 0))
                {
                    await SendAsync(connection, HttpResponse.Text(400, "bad Content-Length\n"), head: false, keepAlive: false).ConfigureAwait(false);
                    return;
                }

                if (bodyLength > MaxBodyBytes)
                {
                    await SendAsync(connection, HttpResponse.Text(413, "request body too large\n"), head: false, keepAlive: false).ConfigureAwait(false);
                    return;
                }

                // Skip the body: the bytes already read first, then the rest from the socket.
                var inBuffer = Math.Min(bodyLength, filled - consumed);
                consumed += (int)inBuffer;
                var remaining = bodyLength - inBuffer;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                while (remaining > 0)
                {
                    var n = await connection.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(remaining, buffer.Length)), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (n == 0)
                        return;
                    remaining -= n;
                }

                var connectionHeader = headers.GetValueOrDefault("connection", "").ToLowerInvariant();
                var keepAlive = version == "HTTP/1.1" ? connectionHeader != "close" : connectionHeader == "keep-alive";
                HttpResponse response;
                try
                {
                    response = _handler(request);
                }
                catch (Exception e)
                {
                    _logger.Error("HTTP handler failed", ("path", request.Path), ("error", e.Message));
                    response = HttpResponse.Text(500, "An error has occurred while serving metrics:\n\n" + e.Message + "\n");
                }

                await SendAsync(connection, response, head: request.Method == "HEAD", keepAlive).ConfigureAwait(false);
                if (!keepAlive)
                    return;
            }
        }
        catch (OperationCanceledException)
        {
            // Idle or slow client: close quietly.
        }
        catch (SocketException)
        {
            // The client went away.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryParseHead(string head, out HttpRequest request, out string version, out Dictionary<string, string> headers)
    {
        request = null!;
        version = "";
        headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[1].StartsWith('/') || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            return false;
        version = parts[2];
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0)
                return false;
            headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }

        var target = parts[1];
        var question = target.IndexOf('?');
        request = question < 0
            ? new HttpRequest(parts[0], target, "")
            : new HttpRequest(parts[0], target[..question], target[(question + 1)..]);
        return true;
    }

    private static async Task SendAsync(Socket connection, HttpResponse response, bool head, bool keepAlive)
    {
        var header = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {response.Status} {response.Reason}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {response.Body.Length}\r\nDate: {DateTime.UtcNow:R}\r\n{(keepAlive ? "" : "Connection: close\r\n")}\r\n");
        await connection.SendAsync(header, SocketFlags.None).ConfigureAwait(false);
        if (!head && response.Body.Length > 0)
            await connection.SendAsync(response.Body, SocketFlags.None).ConfigureAwait(false);
    }
}

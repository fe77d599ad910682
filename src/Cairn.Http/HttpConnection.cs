using System.Buffers;
using System.Net.Sockets;
using System.Text;

namespace Cairn.Http;

/// <summary>
/// Serves one client connection: reads requests within the limits, hands each to the handler and writes its answer.
/// The head buffer is rented only while a request is arriving, so an idle connection holds no buffer.
/// </summary>
internal sealed class HttpConnection(Socket socket, HttpLimits limits, bool keepAlive, Func<HttpRequest, Task<HttpResponse>> handler, Action<string, string> log, CancellationToken stopping)
{
    /// <summary>First size of a body buffer; it doubles as bytes arrive, so a declared length costs nothing until sent.</summary>
    internal const int InitialBodyBytes = 16 * 1024;

    /// <summary>After refusing a request, how long unread bytes are drained so the client sees the answer, not a reset.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);

    /// <summary>The most bytes drained after refusing a request.</summary>
    private const int MaxLingerBytes = 64 * 1024;

    private byte[]? buffer;
    private int filled;

    public async Task ServeAsync()
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var started = false;
        try
        {
            while (true)
            {
                started = false;
                timer.CancelAfter(limits.IdleTimeout);
                if (filled == 0)
                {
                    // A zero-byte receive waits for data without a buffer.
                    await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, timer.Token).ConfigureAwait(false);
                }

                buffer ??= ArrayPool<byte>.Shared.Rent(limits.MaxHeaderBytes);
                int status, headEnd;
                while (true)
                {
                    if (filled > 0 && !started)
                    {
                        started = true;
                        timer.CancelAfter(limits.RequestTimeout);
                    }

                    status = HttpHead.Scan(buffer.AsSpan(0, filled), limits, out headEnd);
                    if (status != 0 || headEnd >= 0) break;
                    var n = await socket.ReceiveAsync(buffer.AsMemory(filled, limits.MaxHeaderBytes - filled), SocketFlags.None, timer.Token).ConfigureAwait(false);
                    if (n == 0) return;
                    filled += n;
                }

                HttpHead? head = null;
                if (status == 0) status = HttpHead.Parse(buffer.AsSpan(0, headEnd), out head);
                if (status != 0 || head is null)
                {
                    await RefuseAsync(status).ConfigureAwait(false);
                    return;
                }

                var (lengthStatus, length) = BodyLength(head);
                if (lengthStatus != 0)
                {
                    await RefuseAsync(lengthStatus).ConfigureAwait(false);
                    return;
                }

                var body = await ReadBodyAsync(headEnd, length, timer.Token).ConfigureAwait(false);
                if (body is null) return;
                started = false;
                timer.CancelAfter(Timeout.InfiniteTimeSpan);
                if (filled == 0) ReturnBuffer();

                if (!await AnswerAsync(head, body, timer).ConfigureAwait(false)) return;
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !stopping.IsCancellationRequested && started)
        {
            // A client that started a request and did not finish it in time.
            await RefuseAsync(408).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Idle past the timeout, the server stopping, or the client gone.
        }
        finally
        {
            ReturnBuffer();
        }
    }

    /// <summary>Answers one request; false when the connection is to close.</summary>
    private async Task<bool> AnswerAsync(HttpHead head, byte[] body, CancellationTokenSource timer)
    {
        var connection = head.Headers.Where(h => h.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value.Split(','))
            .Select(t => t.Trim().ToLowerInvariant()).ToList();
        var persistent = keepAlive && (head.Version == "HTTP/1.1" ? !connection.Contains("close") : connection.Contains("keep-alive"));

        // On a connection that closes after this answer nothing more is expected from the client: its end of file
        // means it went away, and a long poll or a stream stops (keep-alive connections are read for the next request).
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (!persistent) _ = WatchClosedAsync(aborted);
        var request = new HttpRequest
        {
            Method = head.Method, Target = head.Target, Version = head.Version, Headers = head.Headers, Body = body,
            Connection = socket, Aborted = aborted.Token,
        };

        HttpResponse response;
        try
        {
            response = await handler(request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log("HTTP handler failed", e.Message);
            response = HttpResponse.Text(500, "internal error: " + e.Message + "\n");
        }

        var omitBody = head.Method == "HEAD";
        if (response.Stream is not null)
        {
            if (persistent) _ = WatchClosedAsync(aborted);
            await SendHeadAsync(response, contentLength: null, "close", aborted.Token).ConfigureAwait(false);
            if (omitBody) return false;
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await response.Stream(stream, aborted.Token).ConfigureAwait(false);
            return false;
        }

        timer.CancelAfter(limits.WriteTimeout);
        // An HTTP/1.0 client keeps the connection only when told so.
        var connectionHeader = !persistent ? "close" : head.Version == "HTTP/1.0" ? "keep-alive" : null;
        await SendHeadAsync(response, response.Body.Length, connectionHeader, timer.Token).ConfigureAwait(false);
        if (!omitBody && !response.Body.IsEmpty) await socket.SendAsync(response.Body, SocketFlags.None, timer.Token).ConfigureAwait(false);
        return persistent;
    }

    /// <summary>The declared body length, or the status to refuse with: chunked bodies are not read, sizes are checked first.</summary>
    private (int Status, int Length) BodyLength(HttpHead head)
    {
        if (head.Headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))) return (501, 0);
        long length = -1;
        foreach (var (key, value) in head.Headers)
        {
            if (!key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            // Digits only (no sign, no spaces), and every copy the same: anything else can desynchronise a proxy.
            if (value.Length == 0 || value.Any(c => !char.IsAsciiDigit(c))) return (400, 0);
            var parsed = value.Length > 18 ? long.MaxValue : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            if (length >= 0 && parsed != length) return (400, 0);
            length = parsed;
        }

        if (length > limits.MaxBodyBytes) return (413, 0);
        return (0, (int)Math.Max(length, 0));
    }

    /// <summary>Reads the body into a buffer that grows with the bytes received; leaves what follows it at the buffer's start. Null: the client closed.</summary>
    private async Task<byte[]?> ReadBodyAsync(int headEnd, int length, CancellationToken token)
    {
        var body = new byte[Math.Min(length, InitialBodyBytes)];
        var got = Math.Min(length, filled - headEnd);
        var head = buffer!;
        head.AsSpan(headEnd, got).CopyTo(body);
        var consumed = headEnd + got;
        head.AsSpan(consumed, filled - consumed).CopyTo(head);
        filled -= consumed;
        while (got < length)
        {
            if (got == body.Length) Array.Resize(ref body, (int)Math.Min((long)body.Length * 2, length));
            var n = await socket.ReceiveAsync(body.AsMemory(got), SocketFlags.None, token).ConfigureAwait(false);
            if (n == 0) return null;
            got += n;
        }

        return body;
    }

    private Task SendHeadAsync(HttpResponse response, int? contentLength, string? connection, CancellationToken token) =>
        socket.SendAsync(Head(response, contentLength, connection), SocketFlags.None, token).AsTask();

    /// <summary>The status line and header fields of an answer, with the empty line after them.</summary>
    internal static byte[] Head(HttpResponse response, int? contentLength, string? connection)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(HttpStatus.Reason(response.Status)).Append("\r\n");
        head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        if (contentLength is { } length) head.Append("Content-Length: ").Append(length).Append("\r\n");
        head.Append("Date: ").Append(DateTime.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        if (connection is not null) head.Append("Connection: ").Append(connection).Append("\r\n");
        head.Append("\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }

    /// <summary>Answers a request the server will not serve, then closes after draining what the client still sends (bounded).</summary>
    private async Task RefuseAsync(int status)
    {
        try
        {
            using var linger = new CancellationTokenSource(Linger);
            var response = HttpResponse.Text(status, HttpStatus.Reason(status) + "\n");
            await SendHeadAsync(response, response.Body.Length, "close", linger.Token).ConfigureAwait(false);
            await socket.SendAsync(response.Body, SocketFlags.None, linger.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
            var sink = buffer ?? new byte[4096];
            var drained = 0;
            int n;
            while (drained < MaxLingerBytes && (n = await socket.ReceiveAsync(sink, SocketFlags.None, linger.Token).ConfigureAwait(false)) > 0) drained += n;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Reads (and drops) whatever the client sends until it closes, then cancels <paramref name="gone"/>.</summary>
    private async Task WatchClosedAsync(CancellationTokenSource gone)
    {
        var sink = new byte[64];
        try
        {
            while (await socket.ReceiveAsync(sink, SocketFlags.None, gone.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        try
        {
            await gone.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void ReturnBuffer()
    {
        if (buffer is null) return;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = null;
        filled = 0;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Cairn.Pebble.Native;
using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Daemon;

/// <summary>
/// A small HTTP/1.1 server for the API: one request per connection (answers carry <c>Connection: close</c>),
/// Content-Length bodies, and streamed bodies for <c>logs --follow</c>. Written by hand over
/// <see cref="Socket"/> because Kestrel would make the binary several times larger, and the API needs little.
/// </summary>
internal sealed class HttpServer(Func<ApiRequest, Task<ApiResponse>> handler, Logger logger)
{
    private readonly List<Socket> listeners = [];
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Binds the unix socket (mode 0666); fails when another daemon already answers there.</summary>
    public void ListenUnix(string path)
    {
        if (File.Exists(path))
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new InvalidOperationException($"socket \"{path}\" already in use");
            }
            catch (SocketException)
            {
                File.Delete(path);
            }
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var old = Libc.umask(0x49) /* 0111 */;
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
        }
        finally
        {
            Libc.umask(old);
        }

        socket.Listen(64);
        listeners.Add(socket);
        _ = AcceptLoop(socket, isUnix: true);
    }

    /// <summary>Binds the optional TCP listener (<c>--http ADDRESS</c>, e.g. <c>:4000</c>).</summary>
    public void ListenTcp(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address[(colon + 1)..], out var port)) throw new InvalidOperationException($"invalid address \"{address}\"");
        var host = address[..colon].Trim('[', ']');
        var ip = host.Length == 0 ? IPAddress.IPv6Any : IPAddress.Parse(host);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (ip.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        socket.Bind(new IPEndPoint(ip, port));
        socket.Listen(64);
        listeners.Add(socket);
        logger.Log($"HTTP API server listening on \"{address}\".");
        _ = AcceptLoop(socket, isUnix: false);
    }

    /// <summary>Stops accepting; connections in progress are abandoned.</summary>
    public void Stop()
    {
        stopping.Cancel();
        foreach (var l in listeners) l.Dispose();
    }

    private async Task AcceptLoop(Socket listener, bool isUnix)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Serve(client, isUnix);
        }
    }

    private async Task Serve(Socket client, bool isUnix)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            var request = await ReadRequest(stream, client, isUnix).ConfigureAwait(false);
            if (request is null) return;
            var started = Stopwatch.GetTimestamp();
            ApiResponse response;
            try
            {
                response = await handler(request).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                response = ApiResponse.Error(500, "internal error: " + e.Message);
            }

            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(ApiResponse.Reason(response.Status)).Append("\r\n");
            head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
            if (response.Stream is null) head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\n");
            head.Append("Connection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stopping.Token).ConfigureAwait(false);
            if (response.Stream is null) await stream.WriteAsync(response.Body, stopping.Token).ConfigureAwait(false);
            LogRequest(request, response.Status, Stopwatch.GetElapsedTime(started), isUnix);
            if (response.Stream is not null)
            {
                using var gone = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                // The client closing its side ends the stream.
                _ = WatchClosed(client, gone);
                await response.Stream(stream, gone.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private static async Task WatchClosed(Socket client, CancellationTokenSource gone)
    {
        var buffer = new byte[1];
        try
        {
            while (await client.ReceiveAsync(buffer, gone.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        await gone.CancelAsync().ConfigureAwait(false);
    }

    private void LogRequest(ApiRequest r, int status, TimeSpan elapsed, bool isUnix)
    {
        // Upstream leaves out the requests clients poll.
        if (r.Method == "GET" && (r.Path.StartsWith("/v1/changes/", StringComparison.Ordinal) || r.Path is "/v1/system-info" or "/v1/health")) return;
        logger.Log($"{r.Method} {r.Target} {GoDuration.Format(elapsed)} {status} ({(isUnix ? "http+unix" : "http")})");
    }

    private async Task<ApiRequest?> ReadRequest(NetworkStream stream, Socket client, bool isUnix)
    {
        var buffer = new byte[65536];
        var filled = 0;
        int headerEnd;
        while ((headerEnd = IndexOf(buffer.AsSpan(0, filled), "\r\n\r\n"u8)) < 0)
        {
            if (filled == buffer.Length) return null;
            var n = await stream.ReadAsync(buffer.AsMemory(filled), stopping.Token).ConfigureAwait(false);
            if (n == 0) return null;
            filled += n;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headerEnd).Split("\r\n");
        var requestLine = head[0].Split(' ');
        if (requestLine.Length < 3) return null;
        var contentLength = 0;
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                int.TryParse(line[(colon + 1)..].Trim(), out contentLength);
        }

        var body = new byte[Math.Min(contentLength, 16 * 1024 * 1024)];
        var already = Math.Min(filled - headerEnd - 4, body.Length);
        Array.Copy(buffer, headerEnd + 4, body, 0, already);
        if (already < body.Length) await stream.ReadExactlyAsync(body.AsMemory(already), stopping.Token).ConfigureAwait(false);
        var target = requestLine[1];
        var q = target.IndexOf('?');
        var path = q < 0 ? target : target[..q];
        var query = new Dictionary<string, List<string>>();
        if (q >= 0)
        {
            foreach (var pair in target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                if (!query.TryGetValue(key, out var list)) query[key] = list = [];
                list.Add(value);
            }
        }

        return new ApiRequest
        {
            Method = requestLine[0], Path = Uri.UnescapeDataString(path), Target = target, Query = query, Body = body,
            IsUnix = isUnix, IsAdmin = isUnix && IsAdmin(client),
        };
    }

    private static unsafe bool IsAdmin(Socket client)
    {
        // SO_PEERCRED gives the connecting process's uid: root or our own user may change things.
        var cred = stackalloc int[3];
        var length = 12;
        if (Libc.getsockopt(client.Handle, 1, 17, cred, ref length) != 0) return false;
        var uid = (uint)cred[1];
        return uid == 0 || uid == Libc.getuid();
    }

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);
}

using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Cairn.Pebble.Cli;

namespace Cairn.Pebble.Client;

/// <summary>
/// The CLI's only way to the daemon: HTTP/1.1 over the unix socket (<c>$PEBBLE_SOCKET</c>, default
/// <c>$PEBBLE/.pebble.socket</c>), one request per connection.
/// </summary>
internal sealed class PebbleClient(string socketPath)
{
    /// <summary>The socket path from the environment: where the daemon listens (<see cref="EnvPaths.ConnectSocket"/>).</summary>
    public static string DefaultSocketPath() => EnvPaths.FromEnvironment().ConnectSocket(File.Exists);

    /// <summary>Sends a request and parses the JSON envelope; throws <see cref="ClientException"/>.</summary>
    public async Task<ClientResponse> SendAsync(string method, string target, string? jsonBody = null)
    {
        using var stream = await OpenAsync(method, target, jsonBody).ConfigureAwait(false);
        var all = new MemoryStream();
        await stream.CopyToAsync(all).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(all.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) throw new ClientException("cannot communicate with server: malformed response");
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var doc = JsonDocument.Parse(text[(split + 4)..]);
            return new ClientResponse(status, doc.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new ClientException("cannot decode server response: " + e.Message);
        }
    }

    /// <summary>Sends a request and returns the body stream positioned after the headers (for streamed answers).</summary>
    public async Task<(int Status, Stream Body)> StreamAsync(string target)
    {
        var stream = await OpenAsync("GET", target, null).ConfigureAwait(false);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0) throw new ClientException("cannot communicate with server: connection closed");
            head.Append((char)one[0]);
        }

        var status = int.Parse(head.ToString().Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, stream);
    }

    private async Task<Stream> OpenAsync(string method, string target, string? jsonBody)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            // Go's wording, as upstream prints it (.NET reports a missing socket file as "address not available").
            var why = !File.Exists(socketPath) ? "no such file or directory"
                : e.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused"
                : e.SocketErrorCode == SocketError.AccessDenied ? "permission denied"
                : e.Message.ToLowerInvariant();
            throw new ClientException($"cannot communicate with server: dial unix {socketPath}: connect: {why}");
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        var body = jsonBody is null ? [] : Encoding.UTF8.GetBytes(jsonBody);
        var head = $"{method} {target} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: pebble\r\nConnection: close\r\n" +
                   (jsonBody is null ? "" : $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
        if (body.Length > 0) await stream.WriteAsync(body).ConfigureAwait(false);
        return stream;
    }
}

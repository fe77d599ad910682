using System.Net.Sockets;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>The two socket loops the listeners and the HTTP server share: accepting connections and receiving datagrams.</summary>
public static class SocketLoops
{
    /// <summary>Accepts connections until the socket is closed, handing each to <paramref name="accepted"/>; failures are logged, not fatal.</summary>
    public static async Task AcceptAsync(Socket listener, Logger logger, string what, Action<Socket> accepted)
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                logger.Error($"{what} accept failed", ("error", e.Message));
                continue;
            }

            accepted(connection);
        }
    }

    /// <summary>Receives datagrams (up to 64 KiB) on the calling thread until the socket is closed; read errors are logged and skipped.</summary>
    public static void Receive(Socket socket, Logger logger, string what, SpanAction received)
    {
        var buffer = new byte[65535];
        while (true)
        {
            int n;
            try
            {
                n = socket.Receive(buffer);
            }
            catch (SocketException e)
            {
                logger.Error($"{what} read failed", ("error", e.Message));
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            received(buffer.AsSpan(0, n));
        }
    }

    /// <summary>Receives one datagram's bytes (valid only during the call).</summary>
    public delegate void SpanAction(ReadOnlySpan<byte> datagram);
}

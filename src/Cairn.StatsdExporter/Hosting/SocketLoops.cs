using System.Net.Sockets;
using Cairn.Daemon;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>The datagram loop the UDP and unixgram listeners share (connections are accepted by <see cref="Cairn.Http.AcceptLoop"/>).</summary>
public static class SocketLoops
{
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

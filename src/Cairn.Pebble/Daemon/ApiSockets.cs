using System.Net;
using System.Net.Sockets;
using Cairn.Pebble.Native;

namespace Cairn.Pebble.Daemon;

/// <summary>The API's listening sockets: the unix socket every client uses and the optional <c>--http</c> TCP one.</summary>
internal static class ApiSockets
{
    private const int Backlog = 64;

    /// <summary>Binds the unix socket (mode 0666); fails when another daemon already answers there.</summary>
    public static Socket ListenUnix(string path)
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

        socket.Listen(Backlog);
        return socket;
    }

    /// <summary>Binds a TCP address as <c>--http</c> takes it (<c>:4000</c>, <c>127.0.0.1:4000</c>, <c>[::1]:4000</c>).</summary>
    public static Socket ListenTcp(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address[(colon + 1)..], out var port)) throw new InvalidOperationException($"invalid address \"{address}\"");
        var host = address[..colon].Trim('[', ']');
        var ip = host.Length == 0 ? IPAddress.IPv6Any : IPAddress.Parse(host);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (ip.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        socket.Bind(new IPEndPoint(ip, port));
        socket.Listen(Backlog);
        return socket;
    }
}

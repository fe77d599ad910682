using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cairn.Daemon;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>
/// Turns a Go-style listen address (<c>host:port</c>, <c>:port</c>, <c>[::1]:port</c>) into an endpoint and a bound socket.
/// An empty host means every interface (IPv6 dual-stack where available); a host name is resolved preferring IPv4, as Go
/// does, so <c>localhost</c> binds 127.0.0.1 and receives what gunicorn sends from its AF_INET socket.
/// </summary>
public static class ListenAddress
{
    /// <summary>Resolves <paramref name="address"/>; throws <see cref="UsageException"/> when it cannot be used.</summary>
    public static IPEndPoint Resolve(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon < 0)
            throw new UsageException($"cannot use address \"{address}\": missing port (write host:port or :port)");
        var host = address[..colon];
        var portText = address[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new UsageException($"cannot use address \"{address}\": invalid port \"{portText}\"");
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        if (host.Length == 0)
            return new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port);
        if (IPAddress.TryParse(host, out var literal))
            return new IPEndPoint(literal, port);
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(host);
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot resolve \"{host}\": {e.Message}");
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new UsageException($"cannot resolve \"{host}\": no addresses");
        return new IPEndPoint(chosen, port);
    }

    /// <summary>A socket bound to <paramref name="endPoint"/> (listening, for streams).</summary>
    public static Socket Bind(IPEndPoint endPoint, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(endPoint.AddressFamily, type, protocol);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            if (type == SocketType.Stream)
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            if (type == SocketType.Stream)
                socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

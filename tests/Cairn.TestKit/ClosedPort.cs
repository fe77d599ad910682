using System.Net;
using System.Net.Sockets;

namespace Cairn.TestKit;

/// <summary>
/// A TCP port on 127.0.0.1 that refuses connections and that no other process can take while this is alive, for
/// tests of "connection refused". Binding a port and closing it again would free it for anyone (tests run in
/// parallel, and other processes bind ephemeral ports); this keeps it bound but never listens on it.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    // ProtocolType.Unspecified, not Tcp: .NET sets SO_REUSEADDR on every TCP socket it binds on Unix, and Linux lets
    // another socket with SO_REUSEADDR bind and listen on a port whose holder does not listen. Without it (the socket
    // is still TCP), a second bind fails with "address in use", and connect gets "connection refused".
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Unspecified);

    public ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}

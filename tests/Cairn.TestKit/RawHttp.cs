using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Cairn.TestKit;

/// <summary>An answer read off a raw connection: status, head (status line and fields) and body.</summary>
public sealed record RawResponse(int Status, string Head, string Body);

/// <summary>
/// HTTP by hand over a socket (unix or TCP), for tests that send what no HTTP client would: garbage, oversized heads,
/// lying Content-Lengths, slow or idle clients. Every read has a generous deadline, so a hung server fails the test.
/// </summary>
public static class RawHttp
{
    /// <summary>How long a read waits before the test fails.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    /// <summary>A connected socket to <paramref name="endPoint"/>.</summary>
    public static Socket Connect(EndPoint endPoint)
    {
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveTimeout = (int)ReadTimeout.TotalMilliseconds;
        socket.Connect(endPoint);
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> on a new connection and reads one answer.</summary>
    public static RawResponse Exchange(EndPoint endPoint, string request) => Exchange(endPoint, Encoding.Latin1.GetBytes(request));

    /// <summary>Sends <paramref name="request"/> on a new connection and reads one answer.</summary>
    public static RawResponse Exchange(EndPoint endPoint, byte[] request)
    {
        using var socket = Connect(endPoint);
        socket.Send(request);
        return Read(socket);
    }

    /// <summary>A plain GET with <c>Connection: close</c>, the request every daemon must still answer after abuse.</summary>
    public static RawResponse Get(EndPoint endPoint, string target) =>
        Exchange(endPoint, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    /// <summary>
    /// Reads one answer: its head, then Content-Length bytes, or everything until the server closes. It reads no byte
    /// past the answer, so pipelined answers are read one call each.
    /// </summary>
    public static RawResponse Read(Socket socket)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !CollectionsMarshal.AsSpan(head)[^4..].SequenceEqual("\r\n\r\n"u8))
        {
            if (socket.Receive(one) == 0) throw new Xunit.Sdk.XunitException("the server closed the connection without an answer; got: " + Encoding.Latin1.GetString(head.ToArray()));
            head.Add(one[0]);
        }

        var headText = Encoding.Latin1.GetString(head.ToArray(), 0, head.Count - 4);
        var lengthLine = headText.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? int.MaxValue : int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        var body = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while (body.Length < length && (n = socket.Receive(chunk, (int)Math.Min(chunk.Length, length - body.Length), SocketFlags.None)) > 0) body.Write(chunk, 0, n);
        var status = int.Parse(headText.Split(' ')[1], CultureInfo.InvariantCulture);
        return new RawResponse(status, headText, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>
    /// True when the server closes the connection (end of file or a reset) within <paramref name="deadline"/>; what it
    /// sends first (an answer to a refused request) is read and dropped.
    /// </summary>
    public static bool ClosesWithin(Socket socket, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        var sink = new byte[4096];
        while (DateTime.UtcNow < until)
        {
            if (!socket.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead)) continue;
            try
            {
                if (socket.Receive(sink) == 0) return true;
            }
            catch (SocketException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static void WaitUntil(Func<bool> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException("timed out waiting for " + what);
            Thread.Sleep(20);
        }
    }
}

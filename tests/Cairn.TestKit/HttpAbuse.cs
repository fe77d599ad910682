using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Cairn.TestKit;

/// <summary>
/// What a daemon's HTTP server must survive, run the same way against pebble's socket and the exporter's port: each
/// check ends by proving the daemon still answers a good request, and that its memory stayed within a bound.
/// </summary>
/// <param name="endPoint">Where the daemon serves HTTP.</param>
/// <param name="goodTarget">A GET target it answers 200.</param>
/// <param name="pid">The daemon's process id, for its resident memory.</param>
/// <param name="maxResidentKilobytes">The bound its resident memory stays below.</param>
public sealed class HttpAbuse(EndPoint endPoint, string goodTarget, int pid, long maxResidentKilobytes)
{
    /// <summary>Oversized heads, lying lengths and garbage get their status; the daemon answers the next good request.</summary>
    public void RefusesMalformedRequests(string postTarget, int maxBodyBytes)
    {
        (string Request, int Status)[] cases =
        [
            ($"GET {goodTarget} HTTP/1.1\r\nHost: x\r\nX-Big: {new string('b', 64 * 1024)}\r\n\r\n", 431),
            ($"GET {goodTarget} HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 500).Select(i => $"X-{i}: {i}\r\n"))}\r\n", 431),
            ($"GET /{new string('a', 64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ($"POST {postTarget} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000\r\n\r\n", 413),
            ($"POST {postTarget} HTTP/1.1\r\nHost: x\r\nContent-Length: {maxBodyBytes + 1}\r\n\r\n", 413),
            ("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400),
        ];
        foreach (var (request, status) in cases)
        {
            Assert.Equal(status, RawHttp.Exchange(endPoint, request).Status);
            AnswersAGoodRequest();
        }

        IsWithinMemoryBound();
    }

    /// <summary>
    /// Many connections that each claim a body of the largest size allowed and send none of it: the claims cost no
    /// memory, and a good request is answered while they wait.
    /// </summary>
    public void IgnoresClaimsOfLargeBodies(string postTarget, int maxBodyBytes, int connections)
    {
        var claims = OpenMany(connections, $"POST {postTarget} HTTP/1.1\r\nHost: x\r\nContent-Length: {maxBodyBytes}\r\n\r\n{{");
        try
        {
            AnswersAGoodRequest();
            IsWithinMemoryBound();
        }
        finally
        {
            foreach (var c in claims) c.Dispose();
        }
    }

    /// <summary>A client that sent half a request and then nothing does not hold up anyone else.</summary>
    public void ServesOthersBesideASlowClient()
    {
        using var slow = RawHttp.Connect(endPoint);
        slow.Send(Encoding.ASCII.GetBytes($"GET {goodTarget} HTTP/1.1\r\nHost: x\r\nX-Slow: a"));
        AnswersAGoodRequest();
        slow.Send("b"u8);
        AnswersAGoodRequest();
    }

    /// <summary>
    /// Hundreds of idle connections (more than the daemon serves at once: the rest are refused) leave its memory
    /// bounded and, once they close, it answers again.
    /// </summary>
    public void SurvivesManyIdleConnections(int count)
    {
        var idle = OpenMany(count, "");
        try
        {
            IsWithinMemoryBound();
        }
        finally
        {
            foreach (var c in idle) c.Dispose();
        }

        AnswersAGoodRequest();
        IsWithinMemoryBound();
    }

    /// <summary>
    /// Polls until a good request is answered 200: after abuse the daemon may still be releasing connections (a
    /// connection over its limit is refused), so a deadline, not a delay, decides.
    /// </summary>
    public void AnswersAGoodRequest()
    {
        var last = "";
        RawHttp.WaitUntil(() =>
        {
            try
            {
                var answer = RawHttp.Get(endPoint, goodTarget);
                last = answer.Head;
                return answer.Status == 200;
            }
            catch (Exception e) when (e is SocketException or Xunit.Sdk.XunitException)
            {
                last = e.Message;
                return false;
            }
        }, $"a good GET {goodTarget} to be answered (last: {last})");
    }

    private void IsWithinMemoryBound()
    {
        var resident = ProcessStatus.ResidentKilobytes(pid);
        Assert.True(resident < maxResidentKilobytes, $"resident memory {resident} KiB, bound {maxResidentKilobytes} KiB");
    }

    private List<Socket> OpenMany(int count, string send)
    {
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = RawHttp.Connect(endPoint);
                sockets.Add(socket);
                if (send.Length > 0) socket.Send(Encoding.ASCII.GetBytes(send));
            }
        }
        catch
        {
            foreach (var s in sockets) s.Dispose();
            throw;
        }

        return sockets;
    }
}

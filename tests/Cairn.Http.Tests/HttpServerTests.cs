using System.Net.Sockets;
using Cairn.TestKit;
using static Cairn.Http.Tests.TestServer;

namespace Cairn.Http.Tests;

/// <summary>The server over real sockets on 127.0.0.1: framing, keep-alive, refusals, and that it serves on after them.</summary>
public class HttpServerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public void Keep_alive_serves_several_requests_on_one_connection_until_the_client_says_close()
    {
        using var server = new TestServer();
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("GET", "/a")));
        Assert.Equal("GET /a body=0 sum=0", RawHttp.Read(socket).Body);
        socket.Send(Bytes(Request("POST", "/b", 3) + "xyz"));
        var second = RawHttp.Read(socket);
        Assert.StartsWith("POST /b body=3", second.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection: close", second.Head, StringComparison.Ordinal);

        socket.Send(Bytes(Request("GET", "/c", extra: "Connection: close\r\n")));
        Assert.Contains("Connection: close", RawHttp.Read(socket).Head, StringComparison.Ordinal);
        Assert.True(RawHttp.ClosesWithin(socket, Generous));
    }

    [Fact]
    public void Pipelined_requests_are_answered_in_order()
    {
        using var server = new TestServer();
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("POST", "/one", 2) + "hi" + Request("GET", "/two")));
        Assert.StartsWith("POST /one body=2", RawHttp.Read(socket).Body, StringComparison.Ordinal);
        Assert.StartsWith("GET /two body=0", RawHttp.Read(socket).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_keep_alive_every_answer_closes_the_connection()
    {
        using var server = new TestServer(keepAlive: false);
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("GET", "/a")));
        Assert.Contains("Connection: close", RawHttp.Read(socket).Head, StringComparison.Ordinal);
        Assert.True(RawHttp.ClosesWithin(socket, Generous));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_closing_answer_ends_in_an_orderly_close_not_a_reset(bool keepAlive)
    {
        // Clients of a closing answer read to the end of the stream (pebble's CLI does): a reset would lose the answer.
        using var server = new TestServer(keepAlive: keepAlive);
        for (var i = 0; i < 20; i++)
        {
            using var socket = RawHttp.Connect(server.EndPoint);
            socket.Send(Bytes(Request("GET", "/a", extra: "Connection: close\r\n")));
            using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream);
            Assert.EndsWith("\r\n\r\nGET /a body=0 sum=0", reader.ReadToEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_body_arriving_in_pieces_is_read_whole()
    {
        using var server = new TestServer(new HttpLimits { MaxBodyBytes = 1024 * 1024 });
        var body = new byte[300_000];
        new Random(7).NextBytes(body);
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("PUT", "/body", body.Length)));
        for (var offset = 0; offset < body.Length; offset += 7_000) socket.Send(body.AsSpan(offset, Math.Min(7_000, body.Length - offset)));
        Assert.Equal($"PUT /body body={body.Length} sum={Sum(body)}", RawHttp.Read(socket).Body);
    }

    [Fact]
    public void Head_answers_carry_the_length_but_no_body()
    {
        using var server = new TestServer();
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("HEAD", "/x") + Request("GET", "/y")));
        var head = RawHttp.Read(socket);
        Assert.Contains("Content-Length: 20", head.Head, StringComparison.Ordinal);
        // Read takes Content-Length bytes: without a body they are the next answer's, so read the raw rest instead.
        Assert.StartsWith("HTTP/1.1 200", head.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> BadRequests => new()
    {
        { Request("GET", "/" + new string('a', 9000)), 414 },
        { Request("GET", "/", extra: "X-Big: " + new string('b', 20_000) + "\r\n"), 431 },
        { Request("GET", "/", extra: string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: {i}\r\n"))), 431 },
        { Request("POST", "/", 70_000), 413 },
        { Request("POST", "/", extra: "Content-Length: 99999999999999999999999\r\n"), 413 },
        { Request("POST", "/", extra: "Content-Length: -1\r\n"), 400 },
        { Request("POST", "/", extra: "Content-Length: 1\r\nContent-Length: 2\r\n"), 400 },
        { Request("POST", "/", extra: "Transfer-Encoding: chunked\r\n"), 501 },
        { "GET / HTTP/2.0\r\n\r\n", 505 },
        { "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003", 400 },
        { "hello\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void A_bad_request_is_refused_with_its_status_and_the_next_connection_is_served(string request, int status)
    {
        using var server = new TestServer();
        using (var socket = RawHttp.Connect(server.EndPoint))
        {
            socket.Send(Bytes(request));
            var answer = RawHttp.Read(socket);
            Assert.Equal(status, answer.Status);
            Assert.Contains("Connection: close", answer.Head, StringComparison.Ordinal);
            Assert.True(RawHttp.ClosesWithin(socket, Generous));
        }

        Assert.Equal(200, RawHttp.Get(server.EndPoint, "/after").Status);
    }

    [Fact]
    public void A_handler_that_throws_is_a_500_and_the_server_serves_on()
    {
        using var server = new TestServer();
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("GET", "/fail")));
        var answer = RawHttp.Read(socket);
        Assert.Equal((500, "internal error: boom\n"), (answer.Status, answer.Body));
        socket.Send(Bytes(Request("GET", "/ok")));
        Assert.Equal(200, RawHttp.Read(socket).Status);
        Assert.Contains("HTTP handler failed: boom", server.Log);
    }

    [Fact]
    public void An_idle_connection_is_closed_after_the_idle_timeout()
    {
        using var server = new TestServer(new HttpLimits { IdleTimeout = TimeSpan.FromMilliseconds(200) });
        using var silent = RawHttp.Connect(server.EndPoint);
        Assert.True(RawHttp.ClosesWithin(silent, Generous));

        // After an answer, waiting for the next request on a kept connection is idle time too.
        using var kept = RawHttp.Connect(server.EndPoint);
        kept.Send(Bytes(Request("GET", "/a")));
        Assert.Equal(200, RawHttp.Read(kept).Status);
        Assert.True(RawHttp.ClosesWithin(kept, Generous));
        RawHttp.WaitUntil(() => server.Server.OpenConnections == 0, "both connections to be released");
    }

    [Fact]
    public async Task A_client_that_dribbles_its_request_gets_408_when_the_request_timeout_passes()
    {
        using var server = new TestServer(new HttpLimits { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes("GET / HTTP/1.1\r\nX-Slow: "));
        using var stop = new CancellationTokenSource();
        // A byte now and then does not reset the timeout: it bounds the whole request.
        var dribble = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    socket.Send("a"u8);
                    await Task.Delay(20, stop.Token);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        });
        var answer = RawHttp.Read(socket);
        stop.Cancel();
        await dribble.WaitAsync(Generous);
        Assert.Equal(408, answer.Status);
        Assert.Equal(200, RawHttp.Get(server.EndPoint, "/after").Status);
    }

    [Fact]
    public void Connections_beyond_the_limit_are_refused_and_served_again_once_others_close()
    {
        using var server = new TestServer(new HttpLimits { MaxConnections = 3 });
        var idle = Enumerable.Range(0, 3).Select(_ => RawHttp.Connect(server.EndPoint)).ToList();
        try
        {
            RawHttp.WaitUntil(() => server.Server.OpenConnections == 3, "three connections to be served");
            using (var extra = RawHttp.Connect(server.EndPoint))
            {
                extra.Send(Bytes(Request("GET", "/refused")));
                Assert.True(RawHttp.ClosesWithin(extra, Generous));
            }

            Assert.Equal(3, server.Server.OpenConnections);
            idle[0].Dispose();
            RawHttp.WaitUntil(() => server.Server.OpenConnections == 2, "a slot to free");
            Assert.Equal(200, RawHttp.Get(server.EndPoint, "/after").Status);
        }
        finally
        {
            foreach (var s in idle) s.Dispose();
        }
    }

    [Fact]
    public void A_refused_connection_is_told_why()
    {
        using var server = new TestServer(new HttpLimits { MaxConnections = 1 });
        using var first = RawHttp.Connect(server.EndPoint);
        RawHttp.WaitUntil(() => server.Server.OpenConnections == 1, "the first connection to be served");
        using var second = RawHttp.Connect(server.EndPoint);
        var answer = RawHttp.Read(second);
        Assert.Equal((503, "too many connections\n"), (answer.Status, answer.Body));
    }

    [Theory]
    [InlineData("/wait", false)]
    [InlineData("/stream", false)]
    [InlineData("/stream", true)]
    public async Task A_long_poll_or_a_stream_is_aborted_when_its_client_goes_away(string target, bool keepAlive)
    {
        using var server = new TestServer(keepAlive: keepAlive);
        var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("GET", target)));
        await server.Waiting.Task.WaitAsync(Generous);
        socket.Dispose();
        await server.Aborted.Task.WaitAsync(Generous);
        RawHttp.WaitUntil(() => server.Server.OpenConnections == 0, "the connection to be released");
    }

    [Fact]
    public async Task Stop_ends_waiting_handlers_and_open_connections()
    {
        var server = new TestServer(keepAlive: false);
        using var socket = RawHttp.Connect(server.EndPoint);
        socket.Send(Bytes(Request("GET", "/wait")));
        await server.Waiting.Task.WaitAsync(Generous);
        server.Dispose();
        await server.Aborted.Task.WaitAsync(Generous);
        Assert.True(RawHttp.ClosesWithin(socket, Generous));
    }
}

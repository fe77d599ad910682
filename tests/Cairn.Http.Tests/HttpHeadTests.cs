using System.Text;

namespace Cairn.Http.Tests;

/// <summary>The head parser alone: where a head ends, and every limit and syntax rule, on bytes.</summary>
public class HttpHeadTests
{
    private static readonly HttpLimits Small = new() { MaxRequestLineBytes = 64, MaxHeaderBytes = 256, MaxHeaderCount = 4 };

    private static int Scan(string received, out int headEnd) => HttpHead.Scan(Encoding.Latin1.GetBytes(received), Small, out headEnd);

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\nBODY", 27)]
    [InlineData("GET / HTTP/1.1\nHost: x\n\nBODY", 24)]
    public void Scan_finds_the_end_of_a_head_with_crlf_or_bare_lf(string received, int end)
    {
        Assert.Equal(0, Scan(received, out var headEnd));
        Assert.Equal(end, headEnd);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GE")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n")]
    public void Scan_asks_for_more_of_a_partial_head(string received)
    {
        Assert.Equal(0, Scan(received, out var headEnd));
        Assert.Equal(-1, headEnd);
    }

    [Fact]
    public void Scan_refuses_a_long_request_line_before_it_ends() =>
        Assert.Equal(414, Scan("GET /" + new string('a', 70), out _));

    [Fact]
    public void Scan_refuses_a_head_over_the_size_limit_before_it_ends() =>
        Assert.Equal(431, Scan("GET / HTTP/1.1\r\nX: " + new string('a', 300), out _));

    [Fact]
    public void Scan_refuses_more_headers_than_the_limit() =>
        Assert.Equal(431, Scan("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n", out _));

    [Fact]
    public void Scan_takes_exactly_the_header_limit() =>
        Assert.Equal(0, Scan("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", out _));

    [Theory]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001")]
    [InlineData("\r\n")]
    [InlineData(" GET / HTTP/1.1")]
    [InlineData("G(T / HTTP/1.1")]
    public void Scan_refuses_garbage_at_once(string received) => Assert.Equal(400, Scan(received, out _));

    [Fact]
    public void Parse_reads_method_target_version_and_headers()
    {
        Assert.Equal(0, HttpHead.Parse("POST /v1/x?a=1 HTTP/1.0\r\nContent-Length:  3 \r\nX-Y:\tz\r\n\r\n"u8, out var head));
        Assert.Equal(("POST", "/v1/x?a=1", "HTTP/1.0"), (head!.Method, head.Target, head.Version));
        Assert.Equal([new("Content-Length", "3"), new("X-Y", "z")], head.Headers);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1 extra\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\n\r\n")]
    [InlineData("GET\r\n\r\n")]
    [InlineData("GET relative HTTP/1.1\r\n\r\n")]
    [InlineData("GET /\u00e9 HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTX/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nNoColon\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nSpace : before colon\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nA: control\u0001char\r\n\r\n")]
    public void Parse_refuses_malformed_heads_with_400(string head) =>
        Assert.Equal(400, HttpHead.Parse(Encoding.Latin1.GetBytes(head), out _));

    [Fact]
    public void Parse_refuses_other_http_versions_with_505() =>
        Assert.Equal(505, HttpHead.Parse("GET / HTTP/2.0\r\n\r\n"u8, out _));
}

using Cairn.Daemon;
using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;

namespace Cairn.StatsdExporter.Tests;

/// <summary>Go's number formatting and parsing, upstream's name escaping, Go durations.</summary>
public sealed class FormattingTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(999999.0, "999999")]
    [InlineData(17362944.0, "1.7362944e+07")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.00012345, "0.00012345")]
    [InlineData(1.235 / 1000, "0.0012350000000000002")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(-1234567.0, "-1.234567e+06")]
    [InlineData(100.0, "100")]
    [InlineData(0.5, "0.5")]
    [InlineData(33.333333333333336, "33.333333333333336")]
    public void Format_MatchesGoStrconvG(double value, string expected) =>
        Assert.Equal(expected, GoFloatFormatter.Format(value));

    [Fact]
    public void Format_NegativeZero_IsZero() => Assert.Equal("0", GoFloatFormatter.Format(-0.0));

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-1.5", -1.5)]
    [InlineData("+2", 2.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1E-3", 0.001)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("NaN", double.NaN)]
    [InlineData("1e-400", 0.0)]
    public void GoFloat_Accepts(string text, double expected)
    {
        Assert.True(GoFloat.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("0x10")]
    [InlineData("1_000")]
    [InlineData("+NaN")]
    [InlineData("1e400")]
    [InlineData("∞")]
    [InlineData("1,5")]
    [InlineData("-")]
    [InlineData("e5")]
    public void GoFloat_Rejects(string text) => Assert.False(GoFloat.TryParse(text, out _));

    [Theory]
    [InlineData("with.dot", "with_dot")]
    [InlineData("with--doubledash", "with_doubledash")]
    [InlineData("with---multiple-dashes", "with_multiple_dashes")]
    [InlineData("with😱emoji", "with_emoji")]
    [InlineData("with.*.multiple", "with___multiple")]
    [InlineData("test.web-server.foo.bar", "test_web_server_foo_bar")]
    [InlineData("utf.été", "utf__t_")]
    [InlineData("a-b.c--d---e", "a_b_c_d_e")]
    [InlineData("sp ace", "sp_ace")]
    [InlineData("9lives", "_9lives")]
    [InlineData("a:b", "a_b")]
    [InlineData("", "")]
    [InlineData("clean_name", "clean_name")]
    public void Escape_MatchesUpstream(string name, string expected) => Assert.Equal(expected, MetricNameEscaper.Escape(name));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("300ms", 300_0000L)]
    [InlineData("1m20s", 800_000_000L)]
    [InlineData("1.5h", 54_000_000_000L)]
    [InlineData("10us", 100L)]
    [InlineData("10µs", 100L)]
    public void GoDuration_Parses(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var d));
        Assert.Equal(ticks, d.Ticks);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("")]
    [InlineData("5 m")]
    [InlineData("5d")]
    [InlineData("ms")]
    public void GoDuration_Rejects(string text) => Assert.False(GoDuration.TryParse(text, out _));
}

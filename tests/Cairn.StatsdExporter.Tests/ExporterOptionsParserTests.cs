using System.Net;
using Cairn.Daemon;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Tests;

/// <summary>Upstream's flags and defaults and listen-address resolution.</summary>
public sealed class ExporterOptionsParserTests
{
    [Fact]
    public void Parse_NoFlags_GivesUpstreamDefaults()
    {
        var o = ExporterOptionsParser.Parse([]);

        Assert.Equal(":9102", o.WebListenAddress);
        Assert.Equal("/metrics", o.TelemetryPath);
        Assert.Equal(":9125", o.ListenUdp);
        Assert.Equal(":9125", o.ListenTcp);
        Assert.Equal("", o.ListenUnixgram);
        Assert.Equal(1000, o.CacheSize);
        Assert.Equal(10000, o.EventQueueSize);
        Assert.Equal(1000, o.EventFlushThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(200), o.EventFlushInterval);
        Assert.Equal(TagStyles.All, o.TagStyles);
        Assert.Equal(LogLevel.Info, o.LogLevel);
        Assert.Null(o.MappingConfig);
    }

    [Fact]
    public void Parse_RockCommandLine()
    {
        var o = ExporterOptionsParser.Parse(["--statsd.mapping-config=/statsd-mapping.conf", "--statsd.listen-udp=localhost:9125", "--statsd.listen-tcp", "localhost:9125"]);

        Assert.Equal("/statsd-mapping.conf", o.MappingConfig);
        Assert.Equal("localhost:9125", o.ListenUdp);
        Assert.Equal("localhost:9125", o.ListenTcp);
    }

    [Fact]
    public void Parse_BooleansAndValues()
    {
        var o = ExporterOptionsParser.Parse(
        [
            "--no-statsd.parse-dogstatsd-tags", "--statsd.parse-signalfx-tags=false", "--web.enable-lifecycle", "--check-config",
            "--statsd.cache-size=0", "--statsd.cache-type", "random", "--statsd.event-flush-interval=1s", "--log.level=debug",
            "--statsd.listen-udp=", "--web.telemetry-path=/m",
        ]);

        Assert.Equal(TagStyles.InfluxDB | TagStyles.Librato, o.TagStyles);
        Assert.True(o.EnableLifecycle);
        Assert.True(o.CheckConfig);
        Assert.Equal(0, o.CacheSize);
        Assert.Equal("random", o.CacheType);
        Assert.Equal(TimeSpan.FromSeconds(1), o.EventFlushInterval);
        Assert.Equal(LogLevel.Debug, o.LogLevel);
        Assert.Equal("", o.ListenUdp);
        Assert.Equal("/m", o.TelemetryPath);
    }

    [Theory]
    [InlineData("--bogus", "unknown long flag '--bogus'")]
    [InlineData("--statsd.cache-size=-1", "expected a non-negative whole number")]
    [InlineData("--statsd.event-queue-size=0", "must be at least 1")]
    [InlineData("--statsd.event-flush-interval=200", "expected a duration")]
    [InlineData("--statsd.cache-type=fifo", "use lru or random")]
    [InlineData("--log.level=trace", "unrecognized log level")]
    [InlineData("--statsd.mapping-config", "expected argument for flag '--statsd.mapping-config'")]
    [InlineData("positional", "unexpected positional")]
    public void Parse_BadFlag_IsAUsageError(string arg, string message)
    {
        var e = Assert.Throws<UsageException>(() => ExporterOptionsParser.Parse([arg]));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_ListsTheFlags() =>
        Assert.Contains("--statsd.mapping-config", ExporterOptionsParser.Usage, StringComparison.Ordinal);

    [Theory]
    [InlineData("localhost:9125", "127.0.0.1", 9125)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9102", "::1", 9102)]
    public void Resolve_PrefersIPv4ForNames(string address, string ip, int port)
    {
        var endPoint = ListenAddress.Resolve(address);

        Assert.Equal(IPAddress.Parse(ip), endPoint.Address);
        Assert.Equal(port, endPoint.Port);
    }

    [Fact]
    public void Resolve_EmptyHost_IsEveryInterface() =>
        Assert.True(ListenAddress.Resolve(":9102").Address is var a && (a.Equals(IPAddress.IPv6Any) || a.Equals(IPAddress.Any)));

    [Theory]
    [InlineData("9125")]
    [InlineData("localhost:http")]
    [InlineData("localhost:70000")]
    public void Resolve_BadAddress_IsAUsageError(string address) =>
        Assert.Throws<UsageException>(() => ListenAddress.Resolve(address));
}

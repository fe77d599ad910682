using System.Net;
using Cairn.StatsdExporter.Hosting;
using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>The published exporter's web port under malformed, oversized, slow and idle clients (docs/statsd-exporter.md, "HTTP limits").</summary>
[Collection("published binary")]
public sealed class HttpLimitsTests
{
    /// <summary>Far above the exporter's idle size, far below what buffering the abuse would take.</summary>
    private const long MaxResidentKilobytes = 160 * 1024;

    private static HttpAbuse Abuse(ExporterProcess exporter) =>
        new(new IPEndPoint(IPAddress.Loopback, exporter.WebPort), "/metrics", exporter.Pid, MaxResidentKilobytes);

    [Fact]
    public void Malformed_requests_are_refused_and_the_next_one_is_answered()
    {
        using var exporter = ExporterProcess.Start();
        Abuse(exporter).RefusesMalformedRequests("/-/healthy", ExporterDaemon.WebLimits.MaxBodyBytes);
        exporter.SendUdp("after.abuse:1|c");
        exporter.ScrapeUntil(b => b.Contains("\nafter_abuse 1\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Claims_of_large_bodies_cost_no_memory_until_sent()
    {
        using var exporter = ExporterProcess.Start();
        Abuse(exporter).IgnoresClaimsOfLargeBodies("/-/healthy", ExporterDaemon.WebLimits.MaxBodyBytes, connections: 100);
    }

    [Fact]
    public void A_slow_client_does_not_hold_up_others()
    {
        using var exporter = ExporterProcess.Start();
        Abuse(exporter).ServesOthersBesideASlowClient();
    }

    [Fact]
    public void Three_hundred_idle_connections_leave_memory_bounded_and_the_exporter_answering()
    {
        using var exporter = ExporterProcess.Start();
        Abuse(exporter).SurvivesManyIdleConnections(300);
        Assert.False(exporter.HasExited);
    }
}

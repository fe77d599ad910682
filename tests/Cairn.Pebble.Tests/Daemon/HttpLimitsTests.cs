using System.Net.Sockets;
using Cairn.Pebble.Daemon;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The published pebble's API socket under malformed, oversized, slow and idle clients (docs/pebble.md, "HTTP limits").</summary>
[Collection("pebble daemon")]
public class HttpLimitsTests
{
    /// <summary>Far above pebble's idle size (a few MiB), far below what buffering the abuse would take.</summary>
    private const long MaxResidentKilobytes = 128 * 1024;

    private static HttpAbuse Start(PebbleProcess p)
    {
        p.StartDaemon();
        return new HttpAbuse(new UnixDomainSocketEndPoint(p.SocketPath), "/v1/system-info", p.Pid, MaxResidentKilobytes);
    }

    [Fact]
    public void Malformed_requests_are_refused_and_the_next_one_is_answered()
    {
        using var p = new PebbleProcess();
        Start(p).RefusesMalformedRequests("/v1/layers", PebbleDaemon.ApiLimits.MaxBodyBytes);
        // The CLI, which speaks to the same socket, works after the abuse.
        Assert.Equal(0, p.Cli("services").Code);
    }

    [Fact]
    public void Claims_of_large_bodies_cost_no_memory_until_sent()
    {
        using var p = new PebbleProcess();
        Start(p).IgnoresClaimsOfLargeBodies("/v1/layers", PebbleDaemon.ApiLimits.MaxBodyBytes, connections: 100);
    }

    [Fact]
    public void A_slow_client_does_not_hold_up_others()
    {
        using var p = new PebbleProcess();
        Start(p).ServesOthersBesideASlowClient();
    }

    [Fact]
    public void Three_hundred_idle_connections_leave_memory_bounded_and_the_daemon_answering()
    {
        using var p = new PebbleProcess();
        Start(p).SurvivesManyIdleConnections(300);
        Assert.True(Native.IsAlive(p.Pid));
    }
}

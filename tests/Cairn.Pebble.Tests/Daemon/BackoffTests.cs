using Cairn.Pebble.Supervisor;
using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Tests.Daemon;

public class BackoffTests
{
    [Fact]
    public void Delays_grow_by_the_factor_up_to_the_limit()
    {
        var config = new Service { Name = "s", BackoffDelay = TimeSpan.FromMilliseconds(500), BackoffFactor = 2, BackoffLimit = TimeSpan.FromSeconds(3) };
        var delays = new List<TimeSpan>();
        TimeSpan? current = null;
        for (var i = 0; i < 6; i++)
        {
            current = Backoff.Next(current, config);
            delays.Add(current.Value);
        }

        Assert.Equal([500, 1000, 2000, 3000, 3000, 3000], delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public void Defaults_are_upstreams()
    {
        var config = new Service { Name = "s" };
        var first = Backoff.Next(null, config);
        Assert.Equal(TimeSpan.FromMilliseconds(500), first);
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.Next(first, config));
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Next(TimeSpan.FromSeconds(20), config));
    }

    [Fact]
    public void Fractional_factor_and_jitter_bounds()
    {
        var config = new Service { Name = "s", BackoffDelay = TimeSpan.FromSeconds(1), BackoffFactor = 1.5, BackoffLimit = TimeSpan.FromMinutes(1) };
        Assert.Equal(TimeSpan.FromSeconds(1.5), Backoff.Next(TimeSpan.FromSeconds(1), config));
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.WithJitter(TimeSpan.FromSeconds(1), 0));
        Assert.Equal(TimeSpan.FromMilliseconds(1050), Backoff.WithJitter(TimeSpan.FromSeconds(1), 0.5));
        Assert.True(Backoff.WithJitter(TimeSpan.FromSeconds(1), 0.999999) < TimeSpan.FromMilliseconds(1100));
    }
}

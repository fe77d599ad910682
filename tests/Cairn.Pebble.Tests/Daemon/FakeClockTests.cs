using Cairn.Pebble.Daemon;
using Cairn.Pebble.Overlord;
using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>
/// The service manager's restart backoff driven by a manual clock, with a real /bin/sh service that fails at
/// once. In the daemon collection: the manager's reaper calls waitpid(-1) in this test process, so it must not
/// run beside tests that start processes with System.Diagnostics.Process.
/// </summary>
[Collection("pebble daemon")]
public class FakeClockTests
{
    [Fact]
    public async Task Restarts_wait_for_the_clock_and_delays_grow_to_the_limit()
    {
        var clock = new ManualClock();
        var log = new StringWriter();
        var output = TextWriter.Synchronized(log);
        var manager = new ServiceManager(new Logger(output, clock), clock, _ => { }, new UserLookup())
        {
            Plan = Cairn.Pebble.Plan.Plan.Combine([LayerParser.Parse("""
                services:
                    crash:
                        override: replace
                        command: /bin/sh -c 'exit 7'
                        backoff-delay: 100ms
                        backoff-factor: 3
                        backoff-limit: 500ms
                """, "crash", 1)]),
        };
        int Starts() => Count(log.ToString(), "Service \"crash\" starting");

        var start = await Assert.ThrowsAsync<ServiceStartException>(() => manager.StartAsync("crash", null));
        Assert.Equal("service start attempt: exited quickly with code 7, will restart", start.Message);
        WaitFor(() => log.ToString().Contains("waiting ~100ms before restart (backoff 1)", StringComparison.Ordinal));

        // Nothing happens until the clock passes the delay (plus at most 10% jitter).
        clock.Advance(TimeSpan.FromMilliseconds(90));
        await Task.Delay(300);
        Assert.Equal(1, Starts());
        clock.Advance(TimeSpan.FromMilliseconds(21));
        WaitFor(() => log.ToString().Contains("waiting ~300ms before restart (backoff 2)", StringComparison.Ordinal));
        Assert.Equal(2, Starts());

        clock.Advance(TimeSpan.FromMilliseconds(331));
        WaitFor(() => log.ToString().Contains("waiting ~500ms before restart (backoff 3)", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMilliseconds(551));
        WaitFor(() => log.ToString().Contains("waiting ~500ms before restart (backoff 4)", StringComparison.Ordinal));
        Assert.Equal(4, Starts());
        Assert.Equal("backoff", manager.Statuses().Single().Current);

        // A stop during backoff ends it without signals, and the pending restart never comes.
        await manager.StopAsync("crash");
        clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.Equal(4, Starts());
        Assert.Equal("inactive", manager.Statuses().Single().Current);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("timed out waiting for the service manager");
            Thread.Sleep(20);
        }
    }
}

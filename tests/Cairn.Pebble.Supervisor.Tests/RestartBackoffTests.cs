using Cairn.Daemon;

namespace Cairn.Pebble.Supervisor.Tests;

/// <summary>
/// The service manager's restart backoff driven by a manual clock, with real /bin/sh services. The manager's
/// reaper calls waitpid(-1) in this test process, which is why these tests live in an assembly of their own.
/// </summary>
public class RestartBackoffTests
{
    [Fact]
    public async Task Restarts_wait_for_the_clock_and_delays_grow_to_the_limit()
    {
        var clock = new ManualClock();
        var log = new SharedWriter();
        var manager = new ServiceManager(PebbleLog.Create(log, clock), clock, TestPlans.Of(LayerParser.Parse("""
                services:
                    crash:
                        override: replace
                        command: /bin/sh -c 'exit 7'
                        backoff-delay: 100ms
                        backoff-factor: 3
                        backoff-limit: 500ms
                """, "crash", 1)), PosixSpawner.Instance, new UserLookup(), _ => { });
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

    [Fact]
    public async Task Backoff_resets_once_a_restarted_service_stays_up_for_backoff_limit()
    {
        var dir = Directory.CreateTempSubdirectory("pebble-backoff");
        var pidFile = Path.Combine(dir.FullName, "pid");
        var clock = new ManualClock();
        var log = new SharedWriter();
        // Fails at once the first time; every later run stays up until killed.
        var manager = new ServiceManager(PebbleLog.Create(log, clock, LogLevel.Debug), clock, TestPlans.Of(LayerParser.Parse($"""
                services:
                    flaky:
                        override: replace
                        command: /bin/sh -c 'if [ -e started ]; then echo $$ > pid; exec sleep 100; fi; touch started; exit 7'
                        working-dir: {dir.FullName}
                        backoff-delay: 100ms
                        backoff-factor: 3
                        backoff-limit: 500ms
                """, "flaky", 1)), PosixSpawner.Instance, new UserLookup(), _ => { });
        try
        {
            await Assert.ThrowsAsync<ServiceStartException>(() => manager.StartAsync("flaky", null));
            WaitFor(() => log.ToString().Contains("waiting ~100ms before restart (backoff 1)", StringComparison.Ordinal));
            clock.Advance(TimeSpan.FromMilliseconds(111));
            var first = RunningPid(pidFile);

            // Up for less than backoff-limit: the next failure backs off further.
            clock.Advance(TimeSpan.FromMilliseconds(400));
            Libc.kill(first, Libc.SIGTERM);
            WaitFor(() => log.ToString().Contains("waiting ~300ms before restart (backoff 2)", StringComparison.Ordinal));
            clock.Advance(TimeSpan.FromMilliseconds(331));
            var second = RunningPid(pidFile);
            Assert.NotEqual(first, second);

            // Up for backoff-limit: the backoff starts over.
            clock.Advance(TimeSpan.FromMilliseconds(500));
            WaitFor(() => log.ToString().Contains("Service \"flaky\" stayed up for its backoff-limit; backoff reset", StringComparison.Ordinal));
            Libc.kill(second, Libc.SIGTERM);
            WaitFor(() => Count(log.ToString(), "waiting ~100ms before restart (backoff 1)") == 2);
            Assert.DoesNotContain("(backoff 3)", log.ToString());
        }
        finally
        {
            await manager.StopAsync("flaky");
            dir.Delete(recursive: true);
        }
    }

    // Waits for the pid a long-running start writes, then takes the file away for the next one.
    private static int RunningPid(string pidFile)
    {
        WaitFor(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(pidFile);
        return pid;
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    /// <summary>Waits (15 s at most) for what the manager does on its own threads.</summary>
    internal static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("timed out waiting for the service manager");
            Thread.Sleep(20);
        }
    }
}

using System.Diagnostics;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>SIGTERM to the daemon: every service stopped within its kill-delay, its whole process group included.</summary>
[Collection("pebble daemon")]
public class ShutdownTests
{
    [Fact]
    public void Sigterm_stops_services_and_their_background_children_within_kill_delay()
    {
        var killDelay = TimeSpan.FromSeconds(2);
        using var p = new PebbleProcess();
        p.Layer("001-stop.yaml", $"""
            services:
                parent:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'sleep 100 & echo $! > bg.pid; wait'
                stubborn:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'trap "" TERM; echo $$ > stubborn.pid; while true; do sleep 0.1; done'
                    kill-delay: {(int)killDelay.TotalSeconds}s
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        var background = p.PidWhenWritten("bg.pid");
        // Written once its trap is set: a SIGTERM before that would end it without the SIGKILL this test is about.
        var stubborn = p.PidWhenWritten("stubborn.pid");
        Assert.True(Native.IsAlive(background));

        var clock = Stopwatch.StartNew();
        p.Signal(15);
        Assert.Equal(0, p.WaitExit());
        clock.Stop();

        // stubborn needs its SIGKILL, so the daemon cannot be quicker than kill-delay. No upper bound: a slow machine
        // may take any time. That the SIGKILL was sent, rather than the full shutdown bound (5 s + 5 s) waited out, is
        // shown by the log and by stubborn's end: it ignores SIGTERM, and pebble's exit alone would not end it.
        Assert.True(clock.Elapsed >= killDelay, $"pebble exited {clock.Elapsed} after SIGTERM, before the kill-delay of {killDelay}");
        Assert.Contains("Service \"stubborn\" did not stop after SIGTERM, sending SIGKILL", p.Stderr);
        Assert.False(Native.IsAlive(stubborn));
        // The background sleep is not the service's main process: only the SIGTERM to the process group, sent
        // kill-delay before the daemon exited, reaches it.
        Assert.False(Native.IsAlive(background));
    }

    [Theory]
    [InlineData(30, 35.1)]
    [InlineData(5, 10.1)]
    [InlineData(1, 10.1)]
    public void Shutdown_waits_for_the_longest_kill_delay_then_the_sigkill_grace(int killDelay, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Cairn.Pebble.Daemon.PebbleDaemon.ShutdownTimeout(TimeSpan.FromSeconds(killDelay)));
}

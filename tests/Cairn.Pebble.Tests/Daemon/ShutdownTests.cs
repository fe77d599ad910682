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
                    command: /bin/sh -c 'trap "" TERM; while true; do sleep 0.1; done'
                    kill-delay: {(int)killDelay.TotalSeconds}s
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        var background = int.Parse(File.ReadAllText(p.Dir.Combine("bg.pid")).Trim());
        Assert.True(Native.IsAlive(background));

        var clock = Stopwatch.StartNew();
        p.Signal(15);
        Assert.Equal(0, p.WaitExit());
        clock.Stop();

        // stubborn needs its SIGKILL, so the daemon cannot be quicker than kill-delay; without the SIGKILL it would
        // wait the full shutdown bound (5 s + 5 s). The margin allows for a loaded machine, not for that.
        Assert.InRange(clock.Elapsed, killDelay, killDelay + TimeSpan.FromSeconds(6));
        Assert.Contains("Service \"stubborn\" did not stop after SIGTERM, sending SIGKILL", p.Stderr);
        // The background sleep is not the service's main process: only the SIGTERM to the process group, sent
        // kill-delay before the daemon exited, reaches it.
        Assert.False(Native.IsAlive(background));
    }

    [Theory]
    [InlineData(30, 35.1)]
    [InlineData(5, 10.1)]
    [InlineData(1, 10.1)]
    public void Shutdown_waits_for_the_longest_kill_delay_then_the_sigkill_grace(int killDelay, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Cairn.Pebble.Daemon.DaemonHost.ShutdownTimeout(TimeSpan.FromSeconds(killDelay)));
}

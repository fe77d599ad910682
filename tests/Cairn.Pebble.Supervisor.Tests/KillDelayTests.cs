using Cairn.Daemon;

namespace Cairn.Pebble.Supervisor.Tests;

/// <summary>
/// A stop sends SIGTERM to the service's process group, waits the service's kill-delay (30 s here, what the flask
/// extension sets), then sends SIGKILL, as upstream; timed with a manual clock rather than waited out.
/// </summary>
public class KillDelayTests
{
    [Fact]
    public async Task Sigkill_comes_only_after_the_kill_delay_of_a_service_that_ignores_sigterm()
    {
        using var dir = new TempDirectory("pebble-kill-delay");
        var (manager, clock, log, pid) = await StartAsync(dir, "stubborn", "trap 'echo term >> signals' TERM; echo $$ > pid; while true; do sleep 0.05; done");

        var stop = manager.StopAsync("stubborn");
        RestartBackoffTests.WaitFor(() => File.Exists(dir.Combine("signals")));
        clock.Advance(TimeSpan.FromSeconds(29.9));
        await Task.Delay(300);
        Assert.False(stop.IsCompleted);
        Assert.True(IsAlive(pid));
        Assert.DoesNotContain("SIGKILL", log.ToString());

        clock.Advance(TimeSpan.FromMilliseconds(200));
        await stop.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Contains("Service \"stubborn\" did not stop after SIGTERM, sending SIGKILL", log.ToString());
        Assert.False(IsAlive(pid));
        Assert.Equal("inactive", manager.Statuses().Single().Current);
    }

    [Fact]
    public async Task A_service_that_ends_on_sigterm_is_stopped_without_waiting_for_its_kill_delay()
    {
        using var dir = new TempDirectory("pebble-kill-delay");
        var (manager, _, log, pid) = await StartAsync(dir, "polite", "echo $$ > pid; exec sleep 100");

        // No clock movement at all: the exit after SIGTERM ends the stop.
        await manager.StopAsync("polite").WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(IsAlive(pid));
        Assert.DoesNotContain("SIGKILL", log.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), manager.StartedConfig("polite")!.KillDelay);
    }

    // A manager with one service (kill-delay 30s) started past its okay window; the script writes its pid to "pid".
    private static async Task<(ServiceManager Manager, ManualClock Clock, SharedWriter Log, int Pid)> StartAsync(TempDirectory dir, string name, string script)
    {
        var clock = new ManualClock();
        var log = new SharedWriter();
        var manager = new ServiceManager(PebbleLog.Create(log, clock), clock, TestPlans.Of(LayerParser.Parse($"""
                services:
                    {name}:
                        override: replace
                        command: /bin/sh -c "{script}"
                        working-dir: {dir.Path}
                        kill-delay: 30s
                """, name, 1)), PosixSpawner.Instance, new UserLookup(), _ => { });
        var start = manager.StartAsync(name, null);
        RestartBackoffTests.WaitFor(() => File.Exists(dir.Combine("pid")) && File.ReadAllText(dir.Combine("pid")).EndsWith('\n'));
        clock.Advance(ServiceManager.OkayDelay);
        await start.WaitAsync(TimeSpan.FromSeconds(15));
        return (manager, clock, log, int.Parse(File.ReadAllText(dir.Combine("pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    // Exists and is not a zombie.
    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1][0] != 'Z';
}

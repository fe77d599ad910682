using Cairn.Daemon;

namespace Cairn.Pebble.Supervisor.Tests;

/// <summary>A pebble that is not root and a plan that names another user: the service runs, as pebble's user.</summary>
public class IdentityTests
{
    [Fact]
    public async Task Service_runs_as_the_daemons_user_at_every_restart_and_the_notice_comes_once()
    {
        using var dir = new TempDirectory("pebble-identity");
        dir.Write("etc/passwd", "_daemon_:x:584792:584792::/var/lib/pebble/default:/usr/bin/false\n");
        var clock = new ManualClock();
        var log = new SharedWriter();
        // Played as an ordinary user whatever the test runs as: the manager must not try to switch.
        var users = new UserLookup(dir.Path, (Libc.getuid(), Libc.getgid()), isRoot: false);
        var manager = new ServiceManager(PebbleLog.Create(log, clock), clock, TestPlans.Of(LayerParser.Parse($"""
                services:
                    flask:
                        override: replace
                        command: /bin/sh -c 'id -u >> ids; exit 3'
                        user: _daemon_
                        working-dir: {dir.Path}
                        backoff-delay: 100ms
                """, "flask", 1)), PosixSpawner.Instance, users, _ => { });

        var start = await Assert.ThrowsAsync<ServiceStartException>(() => manager.StartAsync("flask", null));
        Assert.Equal("service start attempt: exited quickly with code 3, will restart", start.Message);
        RestartBackoffTests.WaitFor(() => log.ToString().Contains("(backoff 1)", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMilliseconds(111));
        RestartBackoffTests.WaitFor(() => log.ToString().Contains("(backoff 2)", StringComparison.Ordinal));
        await manager.StopAsync("flask");

        Assert.Equal([$"{Libc.getuid()}", $"{Libc.getuid()}"], File.ReadAllLines(dir.Combine("ids")));
        var notice = $"Service \"flask\" runs as the current user (uid {Libc.getuid()}, gid {Libc.getgid()}): pebble is not root, so it cannot switch to user \"_daemon_\" (uid 584792, gid 584792)";
        Assert.Single(log.ToString().Split('\n'), l => l.EndsWith(notice, StringComparison.Ordinal));
    }
}

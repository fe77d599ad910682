using System.Text.RegularExpressions;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>Check timeouts, levels and health, and tcp failures, against the published AOT pebble.</summary>
[Collection("pebble daemon")]
public class CheckTests
{
    [Fact]
    public void Exec_check_past_its_timeout_fails_and_is_killed()
    {
        using var p = new PebbleProcess();
        p.Layer("001-slow.yaml", """
            checks:
                slow:
                    override: replace
                    period: 1s
                    timeout: 300ms
                    threshold: 1
                    exec:
                        command: /bin/sh -c 'echo $$ > slow.pid; exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Check \"slow\" failure 1/1: check timed out after 300ms");
        // A run (every period) writes its pid, if it gets that far within its 300 ms on a loaded machine.
        var pid = p.PidWhenWritten("slow.pid");
        // Killed at the timeout, not left to finish its 100 s: the wait is generous and still far shorter.
        p.WaitUntil(() => !Native.IsAlive(pid), "the timed-out check command to be killed");
        Assert.Matches(@"slow\s+-\s+enabled\s+down", p.Cli("checks").Stdout);
    }

    [Fact]
    public void Health_levels_select_checks_as_upstream()
    {
        using var p = new PebbleProcess();
        // Each check fails while its NAME.down file exists.
        p.Layer("001-levels.yaml", """
            checks:
                live:
                    override: replace
                    level: alive
                    period: 200ms
                    threshold: 1
                    exec:
                        command: /bin/sh -c 'test ! -e live.down'
                ready:
                    override: replace
                    level: ready
                    period: 200ms
                    threshold: 1
                    exec:
                        command: /bin/sh -c 'test ! -e ready.down'
                plain:
                    override: replace
                    period: 200ms
                    threshold: 1
                    exec:
                        command: /bin/sh -c 'test ! -e plain.down'
            """);
        p.StartDaemon();
        AwaitStatuses(p, up: ["live", "ready", "plain"], down: []);
        Assert.Equal(["healthy", "healthy", "healthy"], Health(p));

        // A check without a level counts only when no level is asked for.
        File.WriteAllText(p.Dir.Combine("plain.down"), "");
        AwaitStatuses(p, up: ["live", "ready"], down: ["plain"]);
        Assert.Equal(["healthy", "healthy", "unhealthy"], Health(p));

        File.Delete(p.Dir.Combine("plain.down"));
        File.WriteAllText(p.Dir.Combine("ready.down"), "");
        AwaitStatuses(p, up: ["live", "plain"], down: ["ready"]);
        Assert.Equal(["healthy", "unhealthy", "unhealthy"], Health(p));

        // ready includes alive.
        File.Delete(p.Dir.Combine("ready.down"));
        File.WriteAllText(p.Dir.Combine("live.down"), "");
        AwaitStatuses(p, up: ["ready", "plain"], down: ["live"]);
        Assert.Equal(["unhealthy", "unhealthy", "unhealthy"], Health(p));

        var (status, body) = p.Get("/v1/health?level=ready");
        Assert.Equal(502, status);
        Assert.Equal("{\"type\":\"sync\",\"status-code\":502,\"status\":\"Bad Gateway\",\"result\":{\"healthy\":false}}\n", body);
        (status, body) = p.Get("/v1/health?names=ready");
        Assert.Equal((200, "{\"type\":\"sync\",\"status-code\":200,\"status\":\"OK\",\"result\":{\"healthy\":true}}\n"), (status, body));
        (status, body) = p.Get("/v1/health?level=dead");
        Assert.Equal(400, status);
        Assert.Equal("{\"type\":\"error\",\"status-code\":400,\"status\":\"Bad Request\",\"result\":{\"message\":\"level must be \\\"alive\\\" or \\\"ready\\\"\"}}\n", body);
    }

    [Fact]
    public void Failing_tcp_and_http_checks_report_the_dial_error()
    {
        // A port nothing listens on, kept so: a port bound and closed again is free for another process to take.
        using var closed = new ClosedPort();
        var port = closed.Port;
        using var p = new PebbleProcess();
        p.Layer("001-tcp.yaml", $"""
            checks:
                closed:
                    override: replace
                    level: ready
                    period: 200ms
                    threshold: 2
                    tcp:
                        host: 127.0.0.1
                        port: {port}
                web:
                    override: replace
                    period: 200ms
                    threshold: 2
                    http:
                        url: http://127.0.0.1:{port}/health
            """);
        p.StartDaemon();
        p.WaitFor("Check \"closed\" threshold 2 hit");
        p.WaitFor("Check \"web\" threshold 2 hit");
        Assert.Contains($"Check \"closed\" failure 1/2: dial tcp 127.0.0.1:{port}: connect: connection refused\n", p.Stderr);
        // An http check that cannot connect says so as Go's HTTP client does.
        Assert.Contains($"Check \"web\" failure 1/2: Get \"http://127.0.0.1:{port}/health\": dial tcp 127.0.0.1:{port}: connect: connection refused\n", p.Stderr);
        Assert.Matches(@"closed\s+ready\s+enabled\s+down\s+0\s+[1-9]", p.Cli("checks").Stdout);
        Assert.Equal((1, "unhealthy\n"), (p.Cli("health").Code, p.Cli("health").Stdout));
    }

    // health --level alive, --level ready, and no level; exit code 1 goes with "unhealthy".
    private static string[] Health(PebbleProcess p) =>
        new[] { new[] { "health", "--level", "alive" }, ["health", "--level", "ready"], ["health"] }.Select(args =>
        {
            var r = p.Cli(args);
            Assert.Equal(r.Stdout == "unhealthy\n" ? 1 : 0, r.Code);
            return r.Stdout.TrimEnd('\n');
        }).ToArray();

    private static void AwaitStatuses(PebbleProcess p, string[] up, string[] down)
    {
        // "up" only after a success, so a check that just recovered counts once it ran.
        p.WaitUntil(() =>
        {
            var table = p.Cli("checks").Stdout;
            return up.All(c => Regex.IsMatch(table, $@"(?m)^{c}\s+\S+\s+enabled\s+up\s+[1-9]")) && down.All(c => Regex.IsMatch(table, $@"(?m)^{c}\s+\S+\s+enabled\s+down\s"));
        }, $"checks up: {string.Join(",", up)}; down: {string.Join(",", down)}");
    }
}

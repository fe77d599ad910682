using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The published AOT pebble in a temporary $PEBBLE with real /bin/sh services.</summary>
[Collection("pebble daemon")]
public class DaemonTests
{
    [Fact]
    public void Required_services_start_in_order_after_the_okay_window()
    {
        using var p = new PebbleProcess();
        p.Layer("001-order.yaml", """
            services:
                second:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo second >> order.txt; exec sleep 100'
                    after: [first]
                    requires: [first]
                first:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo first >> order.txt; exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services with change 1.");
        // second's shell may not have written yet: wait for both lines, then check their order.
        p.WaitUntil(() => File.Exists(p.Dir.Combine("order.txt")) && File.ReadAllLines(p.Dir.Combine("order.txt")).Length == 2, "both services to write order.txt");
        Assert.Equal("first\nsecond\n", File.ReadAllText(p.Dir.Combine("order.txt")));
        var log = p.Stderr;
        Assert.True(log.IndexOf("Service \"first\" starting", StringComparison.Ordinal) < log.IndexOf("Service \"second\" starting", StringComparison.Ordinal));
        var services = p.Cli("services");
        Assert.Equal(0, services.Code);
        Assert.Matches(@"^Service\s+Startup\s+Current\s+Since\nfirst\s+enabled\s+active\s+today at \d\d:\d\d UTC\nsecond\s+enabled\s+active", services.Stdout);
    }

    [Fact]
    public void Args_replace_the_default_arguments_in_the_plan()
    {
        using var p = new PebbleProcess();
        p.Layer("001-args.yaml", """
            services:
                srv:
                    override: replace
                    command: /bin/echo 'app:app' -k [ sync ]
            """);
        p.Start("enter", "--args", "srv", "gevent", "two words", ";", "plan");
        Assert.Equal(0, p.WaitExit());
        Assert.Contains("command: /bin/echo app:app -k [ gevent 'two words' ]", p.Stdout);
        // enter plan is silent on stderr unless verbose, as upstream.
        Assert.DoesNotContain("Started daemon", p.Stderr);
    }

    [Fact]
    public void Crashed_service_restarts_with_growing_backoff()
    {
        using var p = new PebbleProcess();
        p.Layer("001-crash.yaml", """
            services:
                crash:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo run >> runs.txt; exit 3'
                    backoff-delay: 100ms
                    backoff-factor: 2
                    backoff-limit: 10s
            """);
        p.StartDaemon();
        p.WaitFor("(backoff 4)");
        var delays = Regex.Matches(p.Stderr, @"waiting ~(\d+)ms before restart \(backoff (\d)\)")
            .Select(m => (Delay: int.Parse(m.Groups[1].Value), Num: int.Parse(m.Groups[2].Value))).ToList();
        Assert.Equal([1, 2, 3, 4], delays.Take(4).Select(d => d.Num));
        Assert.Equal([100, 200, 400, 800], delays.Take(4).Select(d => d.Delay));
        Assert.True(File.ReadAllLines(p.Dir.Combine("runs.txt")).Length >= 4);
        Assert.Contains("Service \"crash\" stopped unexpectedly with code 3", p.Stderr);
    }

    [Fact]
    public void On_failure_shutdown_ends_the_daemon_with_exit_code_10()
    {
        using var p = new PebbleProcess();
        p.Layer("001-fail.yaml", $"""
            services:
                srv:
                    override: replace
                    startup: enabled
                    command: {PebbleProcess.ExitWhenToldCommand(2)}
                    on-failure: shutdown
            """);
        p.StartDaemon();
        p.TellServicesToExitAfterTheOkayWindow();
        Assert.Equal(10, p.WaitExit());
        Assert.Contains("on-failure action is \"shutdown\", triggering server exit", p.Stderr);
    }

    [Fact]
    public void On_success_shutdown_ends_the_daemon_with_exit_code_0()
    {
        using var p = new PebbleProcess();
        p.Layer("001-okay.yaml", $"""
            services:
                srv:
                    override: replace
                    startup: enabled
                    command: {PebbleProcess.ExitWhenToldCommand(0)}
                    on-success: shutdown
            """);
        p.StartDaemon();
        p.TellServicesToExitAfterTheOkayWindow();
        Assert.Equal(0, p.WaitExit());
    }

    [Fact]
    public void Sigterm_stops_everything_and_sigkills_a_service_that_ignores_sigterm()
    {
        using var p = new PebbleProcess();
        p.Layer("001-stop.yaml", """
            services:
                stubborn:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'trap "" TERM; echo $$ > stubborn.pid; while true; do sleep 0.1; done'
                    kill-delay: 1s
                polite:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo $$ > polite.pid; exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        // stubborn writes its pid after its trap is set: only then may SIGTERM come.
        var stubborn = p.PidWhenWritten("stubborn.pid");
        var polite = p.PidWhenWritten("polite.pid");
        Assert.True(Native.IsAlive(stubborn) && Native.IsAlive(polite));
        p.Signal(15);
        Assert.Equal(0, p.WaitExit());
        Assert.Contains("Exiting on terminated signal.", p.Stderr);
        Assert.Contains("Service \"stubborn\" did not stop after SIGTERM, sending SIGKILL", p.Stderr);
        Assert.DoesNotContain("Service \"polite\" did not stop", p.Stderr);
        Assert.False(Native.IsAlive(stubborn));
        Assert.False(Native.IsAlive(polite));
    }

    [Fact]
    public void Orphaned_grandchild_is_reaped()
    {
        using var p = new PebbleProcess();
        p.Layer("001-orphan.yaml", """
            services:
                parent:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'sh -c "sleep 0.5 & echo \$! > grandchild.pid"; exec sleep 100'
            """);
        p.StartDaemon();
        var grandchild = p.PidWhenWritten("grandchild.pid");
        // Re-parented to pebble (a subreaper): once it exits it must be reaped, not left a zombie.
        p.WaitUntil(() => !Native.Exists(grandchild), "the orphan to be reaped");
    }

    [Fact]
    public void Failing_http_check_restarts_its_service()
    {
        using var server = new TcpListener(System.Net.IPAddress.Loopback, 0);
        server.Start();
        var port = ((System.Net.IPEndPoint)server.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                using var c = await server.AcceptTcpClientAsync(cts.Token);
                var s = c.GetStream();
                var buffer = new byte[4096];
                _ = await s.ReadAsync(buffer, cts.Token);
                await s.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\nConnection: close\r\n\r\nboom"), cts.Token);
            }
        });
        using var p = new PebbleProcess();
        p.Layer("001-check.yaml", $"""
            services:
                web:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo start >> starts.txt; exec sleep 100'
                    backoff-delay: 100ms
                    kill-delay: 1s
                    on-check-failure:
                        up: restart
            checks:
                up:
                    override: replace
                    level: alive
                    period: 300ms
                    threshold: 2
                    http:
                        url: http://127.0.0.1:{port}/health
            """);
        p.StartDaemon();
        p.WaitFor("Check \"up\" threshold 2 hit");
        p.WaitUntil(() => File.Exists(p.Dir.Combine("starts.txt")) && File.ReadAllLines(p.Dir.Combine("starts.txt")).Length >= 2, "the service to be restarted");
        Assert.Contains("Check \"up\" failure 1/2: non-2xx status code 500; boom", p.Stderr);
        var health = p.Cli("health");
        Assert.Equal(1, health.Code);
        Assert.Equal("unhealthy\n", health.Stdout);
        var checks = p.Cli("checks");
        Assert.Matches(@"up\s+alive\s+enabled\s+down", checks.Stdout);
        cts.Cancel();
    }

    [Fact]
    public void Logs_use_upstream_line_format()
    {
        using var p = new PebbleProcess();
        p.Layer("001-logs.yaml", """
            services:
                talker:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo one; echo two >&2; printf partial; exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        p.LogsWhenTheyContain("[talker] two\n", "talker");
        var all = p.Cli("logs", "talker");
        Assert.Equal(0, all.Code);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[talker\] one\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[talker\] two\n$", all.Stdout);
        var last = p.Cli("logs", "-n", "1");
        Assert.EndsWith("[talker] two\n", last.Stdout);
        Assert.Single(last.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Api_envelope_for_success_and_error()
    {
        using var p = new PebbleProcess();
        p.StartDaemon();
        var (status, body) = p.Get("/v1/system-info");
        Assert.Equal(200, status);
        Assert.Matches("^\\{\"type\":\"sync\",\"status-code\":200,\"status\":\"OK\",\"result\":\\{\"boot-id\":\"[0-9a-f-]{36}\",\"version\":\"v[^\"]+\"\\}\\}\n$", body);
        (status, body) = p.Get("/v1/plan?format=json");
        Assert.Equal(400, status);
        Assert.Equal("{\"type\":\"error\",\"status-code\":400,\"status\":\"Bad Request\",\"result\":{\"message\":\"invalid format \\\"json\\\"\"}}\n", body);
        (status, _) = p.Get("/v1/nope");
        Assert.Equal(404, status);
    }

    [Fact]
    public void Flask_layer_starts_with_enter_args_flask_sync()
    {
        var user = Environment.UserName;
        using var p = new PebbleProcess();
        // The layer the flask-framework extension writes, with stand-ins for gunicorn and the exporter.
        p.Layer("001-rockcraft-flask-hello.yaml", $$"""
            summary: flask-hello
            description: A Flask app
            services:
                flask:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo "gunicorn $0 $1 $2"; exec sleep 100' 'app:app' -k [ gevent ]
                    after:
                        - statsd-exporter
                    user: {{user}}
                statsd-exporter:
                    override: merge
                    startup: enabled
                    command: /bin/sh -c 'echo "exporter $*"; exec sleep 100' -- --statsd.mapping-config=/statsd-mapping.conf --statsd.listen-udp=localhost:9125 --statsd.listen-tcp=localhost:9125
                    user: {{user}}
            """);
        p.Start("enter", "--args", "flask", "sync");
        p.WaitFor("Started default services with change 1.");
        var services = p.Cli("services");
        Assert.Matches(@"flask\s+enabled\s+active", services.Stdout);
        Assert.Matches(@"statsd-exporter\s+enabled\s+active", services.Stdout);
        p.LogsWhenTheyContain("[flask] gunicorn app:app -k sync", "flask");
        Assert.Contains("command: /bin/sh -c 'echo \"gunicorn $0 $1 $2\"; exec sleep 100' app:app -k [ sync ]", p.Cli("plan").Stdout);
        p.Signal(15);
        Assert.Equal(0, p.WaitExit());
    }

    [Fact]
    public void Broken_layer_file_is_a_clear_error_naming_the_file()
    {
        var error = FatalError("001-broken.yaml", "services:\n    srv:\n        override: replace\n        command: x\n        restart: always\n");
        Assert.StartsWith("cannot run daemon: cannot load plan: cannot parse layer \"broken\": field restart not found in type plan.Service", error);
        Assert.Contains("001-broken.yaml:5", error);
    }

    [Fact]
    public void Bad_layer_file_name_stops_the_daemon_with_upstreams_message() =>
        Assert.Equal(
            "cannot run daemon: cannot load plan: invalid layer filename: \"02-bad_name.yaml\" (must look like \"123-some-label.yaml\")\n",
            FatalError("02-bad_name.yaml", "services: {}\n"));

    [Fact]
    public void Unknown_service_in_args_is_a_clear_error() =>
        Assert.Equal(
            "cannot run daemon: service \"nope\" not found in plan\n",
            FatalError("001-one.yaml", "services:\n    srv:\n        override: replace\n        command: /bin/true\n", "--args", "nope", "x"));

    [Fact]
    public void Second_daemon_on_the_same_socket_stops_and_leaves_the_first_one_serving()
    {
        using var p = new PebbleProcess();
        p.StartDaemon();
        var second = p.Cli("run");
        Assert.Equal(1, second.Code);
        Assert.EndsWith($"cannot run daemon: socket \"{p.SocketPath}\" already in use\n", second.Stderr);
        Assert.Equal(200, p.Get("/v1/system-info").Status);
    }

    [Fact]
    public void Missing_command_fails_the_start_and_the_daemon_stays_up()
    {
        using var p = new PebbleProcess();
        p.Layer("001-missing.yaml", """
            services:
                ghost:
                    override: replace
                    command: /nonexistent/bin/ghost --flag
                nopath:
                    override: replace
                    command: no-such-command-anywhere
                nodir:
                    override: replace
                    command: /bin/true
                    working-dir: /nonexistent/dir
            """);
        p.StartDaemon();
        var ghost = p.Cli("start", "ghost");
        Assert.Equal(1, ghost.Code);
        Assert.Contains("error: cannot perform the following tasks:\n- Start service \"ghost\" (cannot start service: fork/exec /nonexistent/bin/ghost: no such file or directory)", ghost.Stderr);
        var nopath = p.Cli("start", "nopath");
        Assert.Contains("exec: \"no-such-command-anywhere\": executable file not found in $PATH", nopath.Stderr);
        Assert.Contains("(cannot start service: chdir /nonexistent/dir: no such file or directory)", p.Cli("start", "nodir").Stderr);
        var unknown = p.Cli("start", "unknown");
        Assert.Equal("error: cannot start services: service \"unknown\" does not exist\n", unknown.Stderr);
        Assert.Matches(@"ghost\s+disabled\s+inactive", p.Cli("services").Stdout);
    }

    // Runs the daemon on one layer, which must make it exit 1; its fatal error is the last line it writes.
    private static string FatalError(string layer, string yaml, params string[] args)
    {
        using var p = new PebbleProcess();
        p.Layer(layer, yaml);
        p.Start(["run", .. args]);
        Assert.Equal(1, p.WaitExit());
        return p.Stderr.TrimEnd('\n').Split('\n')[^1] + "\n";
    }
}

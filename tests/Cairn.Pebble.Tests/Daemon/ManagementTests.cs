using System.Diagnostics;
using System.Net.Sockets;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>Checks, identities, verbose output and plan changes against the published AOT pebble.</summary>
[Collection("pebble daemon")]
public class ManagementTests
{
    [Fact]
    public void Failing_exec_check_with_shutdown_action_exits_11()
    {
        using var p = new PebbleProcess();
        p.Layer("001-exec.yaml", """
            services:
                srv:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'exec sleep 100'
                    kill-delay: 1s
                    on-check-failure:
                        probe: shutdown
            checks:
                probe:
                    override: replace
                    period: 200ms
                    threshold: 1
                    exec:
                        command: /bin/sh -c 'echo not ready; exit 4'
            """);
        p.StartDaemon();
        Assert.Equal(11, p.WaitExit());
        Assert.Contains("Check \"probe\" failure 1/1: exit status 4; not ready", p.Stderr);
    }

    [Fact]
    public void Passing_tcp_check_is_up_and_healthy()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var p = new PebbleProcess();
        p.Layer("001-tcp.yaml", $"""
            checks:
                port-open:
                    override: replace
                    level: ready
                    period: 200ms
                    tcp:
                        port: {port}
                        host: 127.0.0.1
            """);
        p.StartDaemon();
        p.WaitUntil(() => System.Text.RegularExpressions.Regex.IsMatch(p.Cli("checks").Stdout, @"port-open\s+ready\s+enabled\s+up\s+[1-9]"), "a successful check run");
        var health = p.Cli("health", "--level", "ready");
        Assert.Equal((0, "healthy\n"), (health.Code, health.Stdout));
    }

    [Fact]
    public void Service_runs_as_its_configured_user()
    {
        using var p = new PebbleProcess();
        p.Layer("001-user.yaml", """
            services:
                who:
                    override: replace
                    startup: enabled
                    user: nobody
                    working-dir: /
                    command: /bin/sh -c 'echo "uid=$(id -u) gid=$(id -g) home=$HOME user=$USER pwd=$(pwd)"; exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        if (Environment.IsPrivilegedProcess)
            p.LogsWhenTheyContain("[who] uid=65534 gid=65534 home=/nonexistent user=nobody pwd=/", "who");
        else
            p.LogsWhenTheyContain($"[who] uid={Native.Uid()} ", "who");
    }

    [ToolFact("setpriv")]
    public void Any_non_root_uid_runs_services_as_itself_once_told_and_without_crash_loops()
    {
        // docker run --user 1000770000:0 (OpenShift): pebble is that uid in group 0, the plan names another user.
        // An ordinary user running the tests is such a user already.
        using var p = new PebbleProcess();
        var uid = Environment.IsPrivilegedProcess ? 1000770000u : Native.Uid();
        if (Environment.IsPrivilegedProcess)
        {
            p.Wrapper = ["setpriv", $"--reuid={uid}", "--regid=0", "--clear-groups", "--"];
            File.SetUnixFileMode(p.PebbleDir, (UnixFileMode)0b111_111_111);
        }

        p.Layer("001-user.yaml", """
            services:
                who: {override: replace, startup: enabled, user: nobody, backoff-delay: 100ms, command: "/bin/sh -c 'echo uid=$(id -u); sleep 1.5; exit 3'"}
            """);
        p.StartDaemon();
        p.WaitFor("Started default services with change 1.");
        p.WaitFor("(backoff 2)");
        Assert.Contains($"Service \"who\" runs as the current user (uid {uid}, gid {(Environment.IsPrivilegedProcess ? 0 : Native.Gid())}): pebble is not root, so it cannot switch to user \"nobody\" (uid 65534, gid 65534)", p.Stderr);
        // Told once, not at every restart; the service really ran, as pebble's user.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(p.Stderr, "runs as the current user"));
        Assert.DoesNotContain("Change 1 task", p.Stderr);
        p.LogsWhenTheyContain($"[who] uid={uid}\n", "who");
    }

    [Fact]
    public void A_user_switch_that_fails_fails_the_start_instead_of_exiting_126()
    {
        // uid and gid 4294967295 ((uid_t)-1) can be set by nobody, root included: the helper's setgid fails.
        using var p = new PebbleProcess();
        p.Layer("001-bad.yaml", """
            services:
                bad:
                    override: replace
                    startup: enabled
                    user-id: -1
                    group-id: -1
                    command: /bin/sh -c 'echo should not run'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services with change 1.");
        if (Environment.IsPrivilegedProcess)
        {
            // As upstream's fork/exec: an error of the start, the service stopped, no restart.
            Assert.Contains("Change 1 task (Start service \"bad\") failed: cannot start service: fork/exec /bin/sh: invalid argument\n", p.Stderr);
            Assert.Matches(@"bad\s+enabled\s+inactive", p.Cli("services").Stdout);
            Assert.DoesNotContain("waiting ~", p.Stderr);
            Assert.DoesNotContain("should not run", p.Cli("logs").Stdout); // the start failed before any exec
        }
        else
        {
            Assert.Contains("Service \"bad\" runs as the current user", p.Stderr);
        }
    }

    [Fact]
    public void Verbose_copies_service_output_to_stdout()
    {
        using var p = new PebbleProcess();
        p.Environment["PEBBLE_VERBOSE"] = "1";
        p.Layer("001-loud.yaml", """
            services:
                loud:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo hello stdout; exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitUntil(() => p.Stdout.Contains("[loud] hello stdout\n"), "service output on stdout");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[loud\] hello stdout\n", p.Stdout);
    }

    [Fact]
    public void Added_layer_and_replan_start_and_restart_services()
    {
        using var p = new PebbleProcess();
        p.Layer("001-base.yaml", """
            services:
                one:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo $$ >> one.pids; exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        p.ReadWhenWritten("one.pids");
        var extra = p.Dir.Write("extra.yaml", """
            services:
                two:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'exec sleep 100'
                one:
                    override: merge
                    environment:
                        CHANGED: "yes"
            """);
        var add = p.Cli("add", "extra", extra);
        Assert.Equal((0, $"Layer \"extra\" added successfully from \"{extra}\"\n"), (add.Code, add.Stdout));
        Assert.Matches(@"two\s+enabled\s+inactive", p.Cli("services").Stdout);
        Assert.Equal(0, p.Cli("replan").Code);
        var services = p.Cli("services").Stdout;
        Assert.Matches(@"one\s+enabled\s+active", services);
        Assert.Matches(@"two\s+enabled\s+active", services);
        // one's configuration changed, so replan restarted it (once: its second shell may still be on its way to writing).
        p.WaitUntil(() => File.ReadAllLines(p.Dir.Combine("one.pids")).Length >= 2, "the restarted one to write its pid");
        Assert.Equal(2, File.ReadAllLines(p.Dir.Combine("one.pids")).Length);
        Assert.Equal(0, p.Cli("stop", "one", "two").Code);
        Assert.Matches(@"one\s+enabled\s+inactive", p.Cli("services").Stdout);
        Assert.Equal(0, p.Cli("restart", "one").Code);
        Assert.Matches(@"one\s+enabled\s+active", p.Cli("services").Stdout);
    }

    [Fact]
    public async Task Logs_follow_streams_new_lines()
    {
        using var p = new PebbleProcess();
        p.Layer("001-ticker.yaml", """
            services:
                ticker:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        var psi = new ProcessStartInfo(PublishedBinary.Pebble.Path, ["logs", "-f", "-n", "0", "ticker"]) { RedirectStandardOutput = true };
        psi.Environment["PEBBLE"] = p.PebbleDir;
        using var follower = Process.Start(psi)!;
        try
        {
            var first = await follower.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            var second = await follower.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Matches(@"\[ticker\] tick \d+$", first);
            Assert.Matches(@"\[ticker\] tick \d+$", second);
            Assert.NotEqual(first, second);
        }
        finally
        {
            // A follower never ends by itself: stop it and collect its exit, so no child outlives the test.
            follower.Kill();
            await follower.WaitForExitAsync();
        }
    }

    [Fact]
    public void A_daemon_started_with_its_signals_ignored_still_exits_on_them()
    {
        // A shell's background job starts with SIGINT and SIGQUIT ignored (nohup: SIGHUP); upstream's Go pebble
        // catches them all the same, and so must this one (a test runner started that way lost SIGINT).
        foreach (var (signal, name) in new[] { (2, "interrupt"), (3, "quit"), (15, "terminated") })
        {
            using var p = new PebbleProcess();
            p.Wrapper = ["sh", "-c", "trap '' INT QUIT TERM; exec \"$@\"", "sh"];
            p.StartDaemon();
            p.Signal(signal);
            Assert.Equal(0, p.WaitExit());
            Assert.Contains($"Exiting on {name} signal.", p.Stderr);
        }
    }

    [Fact]
    public void Enter_start_keeps_the_daemon_running_and_services_list_exits()
    {
        using var p = new PebbleProcess();
        p.Layer("001-svc.yaml", """
            services:
                svc:
                    override: replace
                    command: /bin/sh -c 'exec sleep 100'
            """);
        var list = p.Cli("enter", "services");
        Assert.Equal(0, list.Code);
        Assert.Matches(@"svc\s+disabled\s+inactive", list.Stdout);
        Assert.Equal("error: enter: subcommand \"logs\" is not supported\n", p.Cli("enter", "logs").Stderr);
        p.Start("enter", "start", "svc");
        // "inactive" contains "active": match the column.
        p.WaitUntil(() => System.Text.RegularExpressions.Regex.IsMatch(p.Cli("services").Stdout, @"(?m)^svc\s+disabled\s+active\b"), "svc to be active");
        p.Signal(2);
        Assert.Equal(0, p.WaitExit());
        Assert.Contains("Exiting on interrupt signal.", p.Stderr);
    }

    [Fact]
    public void Cli_without_a_daemon_says_it_cannot_communicate()
    {
        using var p = new PebbleProcess();
        var r = p.Cli("services");
        Assert.Equal(1, r.Code);
        Assert.Equal($"error: cannot communicate with server: dial unix {p.PebbleDir}/.pebble.socket: connect: no such file or directory\n", r.Stderr);
        var unknown = p.Cli("frobnicate");
        Assert.Equal((1, "error: unknown command \"frobnicate\", see 'pebble help'.\n"), (unknown.Code, unknown.Stderr));
    }

    [Fact]
    public void Hold_starts_nothing_and_http_serves_only_open_endpoints()
    {
        var (p, port) = StartOnAFreePort(p => p.Layer("001-held.yaml", """
            services:
                held:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'exec sleep 100'
            """), "--hold");
        using var _ = p;
        Assert.Contains($"HTTP API server listening on \"127.0.0.1:{port}\".", p.Stderr);
        Assert.Matches(@"held\s+enabled\s+inactive", p.Cli("services").Stdout);
        Assert.StartsWith("HTTP/1.1 200 OK", TcpGet(port, "/v1/health"));
        Assert.Contains("{\"type\":\"error\",\"status-code\":401,\"status\":\"Unauthorized\",\"result\":{\"message\":\"access denied\",\"kind\":\"login-required\"}}", TcpGet(port, "/v1/services"));
    }

    /// <summary>
    /// Starts a daemon with <c>--http 127.0.0.1:PORT</c> on a port free a moment before. pebble binds it itself, so
    /// another process may take it in between (tests and other programs bind ephemeral ports all the time): that shows
    /// as pebble exiting with "address already in use", and then another port is tried.
    /// </summary>
    private static (PebbleProcess Daemon, int Port) StartOnAFreePort(Action<PebbleProcess> prepare, params string[] args)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var p = new PebbleProcess();
            try
            {
                prepare(p);
                p.StartDaemon([.. args, "--http", $"127.0.0.1:{port}"]);
                return (p, port);
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 5 && p.Stderr.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                p.Dispose();
            }
            catch
            {
                p.Dispose();
                throw;
            }
        }
    }

    private static string TcpGet(int port, string target)
    {
        using var client = new TcpClient("127.0.0.1", port);
        var stream = client.GetStream();
        stream.Write(System.Text.Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

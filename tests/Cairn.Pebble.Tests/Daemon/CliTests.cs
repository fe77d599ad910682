using System.Text.RegularExpressions;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The CLI surface end to end: version, help, changes, signal, autostart, verbose, a non-default socket.</summary>
[Collection("pebble daemon")]
public class CliTests
{
    [Fact]
    public void Version_and_help()
    {
        using var p = new PebbleProcess();
        var client = p.Cli("--version");
        Assert.Equal(0, client.Code);
        Assert.Matches(@"^v\d+\.\d+\.\d+\S*\n$", client.Stdout);
        var version = client.Stdout.TrimEnd('\n');
        // Without a daemon the server column is "-".
        Assert.Equal((0, $"client  {version}\nserver  -\n"), (p.Cli("version").Code, p.Cli("version").Stdout));
        p.StartDaemon();
        Assert.Equal($"client  {version}\nserver  {version}\n", p.Cli("version").Stdout);

        var help = p.Cli("help");
        Assert.Equal(0, help.Code);
        Assert.StartsWith("Pebble lets you control services", help.Stdout);
        Assert.Contains("Usage: pebble <command> [<options>...]", help.Stdout);
        Assert.Matches(@"Services: services, logs, start, restart, signal, stop, replan\n", help.Stdout);
        Assert.Equal(help.Stdout, p.Cli().Stdout);
    }

    [Fact]
    public void Changes_lists_the_autostart_change()
    {
        using var p = new PebbleProcess();
        p.Layer("001-one.yaml", """
            services:
                one:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services with change 1.");
        Assert.Equal(0, p.Cli("stop", "one").Code);
        var changes = p.Cli("changes");
        Assert.Equal(0, changes.Code);
        Assert.Matches(@"^ID\s+Status\s+Spawn\s+Ready\s+Summary\n1\s+Done\s+today at \d\d:\d\d UTC\s+today at \d\d:\d\d UTC\s+Autostart service ""one""\n2\s+Done\s+.*Stop service ""one""\n$", changes.Stdout);
        Assert.Matches(@"(?m)^1\s+Done\s+.*Autostart service ""one""$", p.Cli("changes", "one").Stdout);
    }

    [Fact]
    public void Signal_reaches_the_service()
    {
        using var p = new PebbleProcess();
        p.Layer("001-hup.yaml", """
            services:
                hup:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'trap "echo got HUP" HUP; echo ready; while true; do sleep 0.1; done'
                idle:
                    override: replace
                    command: /bin/sh -c 'exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        // "ready" comes after the trap: a HUP before it would end the shell.
        p.LogsWhenTheyContain("[hup] ready\n", "hup");
        var sent = p.Cli("signal", "HUP", "hup");
        Assert.Equal((0, "", ""), (sent.Code, sent.Stdout, sent.Stderr));
        p.WaitUntil(() => p.Cli("logs", "hup").Stdout.Contains("[hup] got HUP\n", StringComparison.Ordinal), "the service to log the HUP");
        Assert.Matches(@"hup\s+enabled\s+active", p.Cli("services").Stdout);
        var notRunning = p.Cli("signal", "SIGTERM", "idle");
        Assert.Equal((1, "error: cannot send signal to \"idle\": service is not running\n"), (notRunning.Code, notRunning.Stderr));
    }

    [Fact]
    public void Autostart_starts_the_enabled_services_of_a_held_daemon()
    {
        using var p = new PebbleProcess();
        p.Layer("001-two.yaml", """
            services:
                on:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'exec sleep 100'
                off:
                    override: replace
                    command: /bin/sh -c 'exec sleep 100'
            """);
        p.StartDaemon("--hold");
        Assert.Matches(@"on\s+enabled\s+inactive", p.Cli("services").Stdout);
        var autostart = p.Cli("autostart");
        Assert.Equal((0, ""), (autostart.Code, autostart.Stderr));
        var services = p.Cli("services").Stdout;
        Assert.Matches(@"on\s+enabled\s+active", services);
        Assert.Matches(@"off\s+disabled\s+inactive", services);
    }

    [Fact]
    public void Service_output_is_on_stdout_by_default_and_pebble_verbose_0_turns_it_off()
    {
        const string layer = """
            services:
                loud:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo from the service; printf half; sleep 0.3; echo " and the rest"; exec sleep 100'
            """;
        using var p = new PebbleProcess();
        p.Layer("001-loud.yaml", layer);
        p.StartDaemon();
        p.WaitUntil(() => p.Stdout.Contains(" and the rest\n", StringComparison.Ordinal), "service output on stdout");
        // Upstream's line format; the partial line went out as it came and was continued without a second prefix.
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[loud\] from the service\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[loud\] half and the rest\n$", p.Stdout);
        // The daemon's own log stays on stderr, and the lines are in the log too.
        Assert.DoesNotContain("[pebble]", p.Stdout);
        Assert.Equal(p.Stdout, p.Cli("logs").Stdout);

        using var quiet = new PebbleProcess();
        quiet.Environment["PEBBLE_VERBOSE"] = "0";
        quiet.Layer("001-loud.yaml", layer);
        quiet.StartDaemon();
        quiet.WaitFor("Started default services");
        quiet.LogsWhenTheyContain("[loud] half and the rest");
        Assert.Equal("", quiet.Stdout);

        // -v wins over PEBBLE_VERBOSE=0.
        using var verbose = new PebbleProcess();
        verbose.Environment["PEBBLE_VERBOSE"] = "0";
        verbose.Layer("001-loud.yaml", layer);
        verbose.StartDaemon("-v");
        verbose.WaitUntil(() => verbose.Stdout.Contains("[loud] from the service\n", StringComparison.Ordinal), "service output on stdout");
    }

    [Fact]
    public void Last_output_of_stopping_services_reaches_stdout_before_the_daemon_exits()
    {
        using var p = new PebbleProcess();
        p.Layer("001-bye.yaml", """
            services:
                bye:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'trap "echo goodbye; exit 0" TERM; echo hello; while true; do sleep 0.1; done'
            """);
        p.StartDaemon();
        p.WaitUntil(() => p.Stdout.Contains("[bye] hello\n", StringComparison.Ordinal), "the service's first line");
        p.Signal(15);
        Assert.Equal(0, p.WaitExit());
        Assert.EndsWith("[bye] goodbye\n", p.Stdout);
    }

    [ToolFact("unshare")]
    public void Read_only_pebble_directory_moves_the_socket_under_tmp_where_the_cli_finds_it()
    {
        using var p = new PebbleProcess();
        p.Layer("001-app.yaml", """
            services:
                app:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo hi; exec sleep 100'
            """);
        // pebble in a mount namespace of its own where $PEBBLE is read-only, as on docker run --read-only --tmpfs /tmp
        // (an ordinary user gets a user namespace for it too). unshare execs, so pebble keeps the pid signals go to.
        p.Wrapper = ["unshare", Environment.IsPrivilegedProcess ? "-m" : "-rm", "--", "sh", "-c", "mount --bind -o ro \"$PEBBLE\" \"$PEBBLE\" && exec \"$@\"", "sh"];
        var fallback = "/tmp/pebble" + p.PebbleDir;
        try
        {
            p.StartDaemon();
            p.WaitFor("Started default services");
            Assert.Contains($"Directory \"{p.PebbleDir}\" is not writable (read-only file system); listening on \"{fallback}/.pebble.socket\" instead", p.Stderr);
            Assert.False(File.Exists(p.Dir.Combine(".pebble.socket")));

            // The CLI, as docker exec runs it: there is no socket in $PEBBLE, so it takes the one under /tmp.
            Assert.Matches(@"app\s+enabled\s+active", p.Cli("services").Stdout);
            Assert.Contains("[app] hi\n", p.Cli("logs").Stdout);
            Assert.Contains("command: /bin/sh -c 'echo hi; exec sleep 100'", p.Cli("plan").Stdout);
            p.Signal(15);
            Assert.Equal(0, p.WaitExit());
            Assert.False(File.Exists(fallback + "/.pebble.socket"));
        }
        finally
        {
            if (Directory.Exists(fallback)) Directory.Delete(fallback, recursive: true);
        }
    }

    [Fact]
    public void Pebble_socket_moves_the_api()
    {
        using var p = new PebbleProcess();
        var socket = p.Dir.Combine("elsewhere", "api.socket");
        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        p.Environment["PEBBLE_SOCKET"] = socket;
        p.StartDaemon();
        Assert.True(File.Exists(socket));
        Assert.False(File.Exists(p.Dir.Combine(".pebble.socket")));
        Assert.Equal((0, "Plan has no services.\n"), (p.Cli("services").Code, p.Cli("services").Stderr));
        Assert.Equal(200, p.Get("/v1/system-info").Status);

        // A client without PEBBLE_SOCKET looks in $PEBBLE and finds nothing there.
        p.Environment.Remove("PEBBLE_SOCKET");
        var lost = p.Cli("services");
        Assert.Equal(1, lost.Code);
        Assert.Matches(Regex.Escape($"dial unix {p.PebbleDir}/.pebble.socket"), lost.Stderr);
    }
}

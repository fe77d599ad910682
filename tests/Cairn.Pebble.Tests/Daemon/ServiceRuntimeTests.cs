namespace Cairn.Pebble.Tests.Daemon;

/// <summary>Exit actions, a service's environment, and a start that cannot spawn, against the published AOT pebble.</summary>
[Collection("pebble daemon")]
public class ServiceRuntimeTests
{
    [Fact]
    public void On_failure_ignore_leaves_the_service_in_error_and_the_daemon_up()
    {
        using var p = new PebbleProcess();
        // Past the 1 s okay window, so the start succeeds and the exit is an unexpected one.
        p.Layer("001-ignore.yaml", $"""
            services:
                quitter:
                    override: replace
                    startup: enabled
                    command: {PebbleProcess.ExitWhenToldCommand(3)}
                    on-failure: ignore
            """);
        p.StartDaemon();
        p.TellServicesToExitAfterTheOkayWindow();
        p.WaitFor("Service \"quitter\" on-failure action is \"ignore\", not doing anything further");
        Assert.Contains("Service \"quitter\" stopped unexpectedly with code 3", p.Stderr);
        Assert.Matches(@"quitter\s+enabled\s+error", p.Cli("services").Stdout);
        Assert.DoesNotContain("waiting ~", p.Stderr);
        // Still serving.
        Assert.Equal(200, p.Get("/v1/system-info").Status);
    }

    [Theory]
    [InlineData("on-failure", "success-shutdown", 3, 0)]
    [InlineData("on-success", "failure-shutdown", 0, 10)]
    public void Shutdown_actions_choose_the_exit_code(string field, string action, int serviceCode, int daemonCode)
    {
        using var p = new PebbleProcess();
        p.Layer("001-action.yaml", $"""
            services:
                srv:
                    override: replace
                    startup: enabled
                    command: {PebbleProcess.ExitWhenToldCommand(serviceCode)}
                    {field}: {action}
            """);
        p.StartDaemon();
        p.TellServicesToExitAfterTheOkayWindow();
        Assert.Equal(daemonCode, p.WaitExit());
        Assert.Contains($"Service \"srv\" {field} action is \"{action}\", triggering server exit", p.Stderr);
    }

    [Fact]
    public void Service_sees_its_environment_over_the_daemons()
    {
        using var p = new PebbleProcess();
        p.Environment["FROM_DAEMON"] = "daemon";
        p.Environment["OVERRIDDEN"] = "daemon";
        p.Layer("001-env.yaml", """
            services:
                env:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'echo "greeting=$GREETING port=$PORT from=$FROM_DAEMON overridden=$OVERRIDDEN"; exec sleep 100'
                    environment:
                        GREETING: hello world
                        PORT: 5000
                        OVERRIDDEN: service
            """);
        p.StartDaemon();
        p.WaitFor("Started default services");
        p.LogsWhenTheyContain("[env] greeting=hello world port=5000 from=daemon overridden=service\n", "env");
    }

    [Fact]
    public void Missing_command_at_autostart_fails_its_task_and_the_daemon_keeps_running()
    {
        using var p = new PebbleProcess();
        p.Layer("001-ghost.yaml", """
            services:
                ghost:
                    override: replace
                    startup: enabled
                    command: /nonexistent
                phantom:
                    override: replace
                    startup: enabled
                    command: /nonexistent-too --flag
                fine:
                    override: replace
                    startup: enabled
                    command: /bin/sh -c 'exec sleep 100'
            """);
        p.StartDaemon();
        p.WaitFor("Started default services with change 1.");
        // Each failed task is logged with its own error.
        Assert.Contains("Change 1 task (Start service \"ghost\") failed: cannot start service: fork/exec /nonexistent: no such file or directory\n", p.Stderr);
        Assert.Contains("Change 1 task (Start service \"phantom\") failed: cannot start service: fork/exec /nonexistent-too: no such file or directory\n", p.Stderr);
        Assert.DoesNotContain("task (Start service \"fine\") failed", p.Stderr);
        var services = p.Cli("services").Stdout;
        // A spawn failure is not an exit: no restart, the service is simply not running.
        Assert.Matches(@"ghost\s+enabled\s+inactive", services);
        Assert.Matches(@"phantom\s+enabled\s+inactive", services);
        Assert.Matches(@"fine\s+enabled\s+active", services);
        Assert.Matches(@"(?m)^1\s+Error\s+.*Autostart service ""fine"" and 2 more$", p.Cli("changes").Stdout);
        Assert.Equal(200, p.Get("/v1/system-info").Status);
    }
}

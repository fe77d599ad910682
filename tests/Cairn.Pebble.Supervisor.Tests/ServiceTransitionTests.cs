namespace Cairn.Pebble.Supervisor.Tests;

/// <summary>
/// The service manager's state transitions (upstream's starting, running, terminating, killing, stopped, backoff,
/// exited) driven by a fake spawner and a manual clock: no process runs and no delay is waited out, so each step is
/// checked exactly, signals included.
/// </summary>
public class ServiceTransitionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ManualClock clock = new();
    private readonly SharedWriter log = new();
    private readonly FakeSpawner spawner = new();
    private readonly List<int> shutdowns = [];

    [Fact]
    public async Task A_start_is_starting_until_the_okay_delay_then_running()
    {
        var manager = Manager();
        var start = manager.StartAsync("svc", null);
        Assert.Equal(ServiceState.Starting, manager.StateOf("svc"));
        Assert.Equal("/bin/app", spawner.Last.Request.Path);
        Assert.Equal(["/bin/app", "--flag"], spawner.Last.Request.Argv);

        clock.Advance(ServiceManager.OkayDelay - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        Assert.False(start.IsCompleted);
        Assert.Equal(ServiceState.Starting, manager.StateOf("svc"));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await start.WaitAsync(Patience);
        Assert.Equal(ServiceState.Running, manager.StateOf("svc"));
        Assert.Equal("active", manager.Statuses().Single().Current);
    }

    [Fact]
    public async Task An_exit_while_running_backs_off_then_restarts_a_new_process_and_the_delay_grows()
    {
        var manager = await RunningAsync("backoff-delay: 200ms");
        var first = spawner.Last;
        first.Exits(1);
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Backoff);
        Assert.Equal("backoff", manager.Statuses().Single().Current);
        Assert.Contains("Service \"svc\" on-failure action is \"restart\", waiting ~200ms before restart (backoff 1)", log.ToString());

        // Not before the delay; by its end plus the most jitter (10%) there is a new process, running at once.
        clock.Advance(TimeSpan.FromMilliseconds(190));
        await Task.Delay(100);
        Assert.Single(spawner.Started);
        clock.Advance(TimeSpan.FromMilliseconds(40));
        RestartBackoffTests.WaitFor(() => spawner.Started.Count == 2 && manager.StateOf("svc") == ServiceState.Running);
        Assert.NotEqual(first.Pid, spawner.Last.Pid);

        spawner.Last.Exits(0);
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Backoff);
        Assert.Contains("Service \"svc\" on-success action is \"restart\", waiting ~400ms before restart (backoff 2)", log.ToString());
        Assert.Empty(shutdowns);
    }

    [Fact]
    public async Task An_exit_inside_the_okay_window_fails_the_start_and_backs_off()
    {
        var manager = Manager();
        var start = manager.StartAsync("svc", null);
        spawner.Last.Exits(7);
        var failure = await Assert.ThrowsAsync<ServiceStartException>(() => start.WaitAsync(Patience));
        Assert.Equal("service start attempt: exited quickly with code 7, will restart", failure.Message);
        Assert.Equal(ServiceState.Backoff, manager.StateOf("svc"));
    }

    [Fact]
    public async Task A_failed_spawn_leaves_the_service_stopped()
    {
        var manager = Manager();
        spawner.FailNext = new SpawnException("exec: \"app\": executable file not found in $PATH");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.StartAsync("svc", null));
        Assert.Equal("cannot start service: exec: \"app\": executable file not found in $PATH", failure.Message);
        Assert.Equal(ServiceState.Stopped, manager.StateOf("svc"));
    }

    [Fact]
    public async Task A_stop_sends_sigterm_to_the_group_and_sigkill_only_after_the_kill_delay()
    {
        var manager = await RunningAsync("kill-delay: 10s");
        var pid = spawner.Last.Pid;
        var stop = manager.StopAsync("svc");
        Assert.Equal(ServiceState.Terminating, manager.StateOf("svc"));
        Assert.Equal([(-pid, Libc.SIGTERM)], spawner.Signals);

        clock.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(100);
        Assert.Equal(ServiceState.Terminating, manager.StateOf("svc"));
        Assert.Single(spawner.Signals);
        Assert.False(stop.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(0.2));
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Killing);
        Assert.Equal([(-pid, Libc.SIGTERM), (-pid, Libc.SIGKILL)], spawner.Signals);
        Assert.Contains("Service \"svc\" did not stop after SIGTERM, sending SIGKILL", log.ToString());

        spawner.Last.Exits(128 + Libc.SIGKILL);
        await stop.WaitAsync(Patience);
        Assert.Equal(ServiceState.Stopped, manager.StateOf("svc"));
        Assert.Equal("inactive", manager.Statuses().Single().Current);
        Assert.Single(spawner.Started);
    }

    [Fact]
    public async Task A_process_that_outlives_sigkill_fails_the_stop_after_the_fail_delay()
    {
        var manager = await RunningAsync("kill-delay: 1s");
        var stop = manager.StopAsync("svc");
        clock.Advance(TimeSpan.FromSeconds(1));
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Killing);
        clock.Advance(ServiceManager.FailDelay);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => stop.WaitAsync(Patience));
        Assert.Equal("cannot stop service: process still running after SIGTERM and SIGKILL", failure.Message);
        Assert.Equal(ServiceState.Stopped, manager.StateOf("svc"));
    }

    [Fact]
    public async Task A_stop_in_backoff_ends_it_without_signals_and_no_restart_follows()
    {
        var manager = await RunningAsync();
        spawner.Last.Exits(1);
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Backoff);
        await manager.StopAsync("svc").WaitAsync(Patience);
        Assert.Equal(ServiceState.Stopped, manager.StateOf("svc"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(100);
        Assert.Single(spawner.Started);
        Assert.Empty(spawner.Signals);
    }

    [Fact]
    public async Task A_check_restart_terminates_then_backs_off_instead_of_stopping()
    {
        var manager = await RunningAsync();
        var pid = spawner.Last.Pid;
        manager.RestartForCheck("svc", "up");
        Assert.Equal(ServiceState.Terminating, manager.StateOf("svc"));
        Assert.Equal([(-pid, Libc.SIGTERM)], spawner.Signals);
        spawner.Last.Exits(128 + Libc.SIGTERM);
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Backoff);
        Assert.Contains("Service \"svc\" on-check-failure action is \"restart\", waiting ~500ms before restart (backoff 1)", log.ToString());
    }

    [Theory]
    [InlineData("on-success: shutdown", 0, "on-success", "shutdown", 0, "inactive")]
    [InlineData("on-failure: shutdown", 3, "on-failure", "shutdown", 10, "error")]
    [InlineData("on-success: failure-shutdown", 0, "on-success", "failure-shutdown", 10, "inactive")]
    [InlineData("on-failure: success-shutdown", 2, "on-failure", "success-shutdown", 0, "error")]
    public async Task A_shutdown_action_exits_the_service_and_asks_the_server_to_exit_with_its_code(
        string field, int code, string which, string action, int exit, string status)
    {
        var manager = await RunningAsync(field);
        spawner.Last.Exits(code);
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Exited);
        Assert.Equal([exit], Shutdowns());
        Assert.Equal(status, manager.Statuses().Single().Current);
        Assert.Contains($"Service \"svc\" {which} action is \"{action}\", triggering server exit", log.ToString());
    }

    [Theory]
    [InlineData("on-success: ignore", 0, "inactive")]
    [InlineData("on-failure: ignore", 1, "error")]
    public async Task An_ignore_action_leaves_the_service_exited_for_good(string field, int code, string status)
    {
        var manager = await RunningAsync(field);
        spawner.Last.Exits(code);
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Exited);
        Assert.Equal(status, manager.Statuses().Single().Current);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(100);
        Assert.Single(spawner.Started);
        Assert.Empty(Shutdowns());
    }

    [Theory]
    [InlineData("on-success: shutdown", 1)]
    [InlineData("on-failure: shutdown", 0)]
    public async Task The_action_for_the_other_outcome_does_not_apply(string field, int code)
    {
        var manager = await RunningAsync(field);
        spawner.Last.Exits(code);
        RestartBackoffTests.WaitFor(() => manager.StateOf("svc") == ServiceState.Backoff);
        Assert.Empty(Shutdowns());
    }

    // A manager whose plan has one service, "svc", running /bin/app --flag, with the given extra fields.
    private ServiceManager Manager(params string[] fields)
    {
        var yaml = "services:\n    svc:\n        override: replace\n        command: /bin/app --flag\n" + string.Concat(fields.Select(f => "        " + f + "\n"));
        return new ServiceManager(PebbleLog.Create(log, clock), clock, TestPlans.Of(LayerParser.Parse(yaml, "svc", 1)), spawner, new UserLookup(), code =>
        {
            lock (shutdowns) shutdowns.Add(code);
        });
    }

    // The manager with "svc" started and past its okay window.
    private async Task<ServiceManager> RunningAsync(params string[] fields)
    {
        var manager = Manager(fields);
        var start = manager.StartAsync("svc", null);
        clock.Advance(ServiceManager.OkayDelay);
        await start.WaitAsync(Patience);
        Assert.Equal(ServiceState.Running, manager.StateOf("svc"));
        return manager;
    }

    private List<int> Shutdowns()
    {
        lock (shutdowns) return [.. shutdowns];
    }
}

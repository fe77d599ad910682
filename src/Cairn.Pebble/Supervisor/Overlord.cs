using Cairn.Daemon;
using Cairn.Pebble.Daemon;
using Cairn.Pebble.Plan;
using Cairn.Pebble.Reaper;
using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// Owns the daemon's state: the plan manager, the service and check managers, the changes, and the request
/// to shut down (with the exit code a service or check action chose).
/// </summary>
internal sealed class Overlord
{
    private readonly TaskCompletionSource<int> shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Logger logger;

    public Overlord(string pebbleDir, Logger logger, TimeProvider clock, ServiceOutput? output)
    {
        PebbleDir = pebbleDir;
        this.logger = logger;
        Changes = new ChangeManager(clock);
        Services = new ServiceManager(logger, clock, Plans, PosixSpawner.Instance, new UserLookup(), RequestShutdown) { Output = output };
        Checks = new CheckManager(logger, clock, Changes, Plans, OnCheckDown);
        Plans.Subscribe(Checks.Update);
    }

    public string PebbleDir { get; }

    /// <summary>The layers and the plan; the check manager hears of every new plan from it.</summary>
    public PlanManager Plans { get; } = new();

    public ChangeManager Changes { get; }
    public ServiceManager Services { get; }
    public CheckManager Checks { get; }

    /// <summary>The current combined plan.</summary>
    public PebblePlan Plan => Plans.Plan;

    /// <summary>Completes with the exit code when a service or check action asks the daemon to exit.</summary>
    public Task<int> ShutdownRequested => shutdown.Task;

    public void RequestShutdown(int code) => shutdown.TrySetResult(code);

    /// <summary>Loads the layers directory; throws <see cref="PlanException"/> for an invalid plan.</summary>
    public void LoadPlan() => Plans.LoadDirectory(Path.Combine(PebbleDir, "layers"));

    /// <summary>Starts <paramref name="names"/> (and what they require) as one change.</summary>
    public Change Start(string kind, IReadOnlyList<string> names)
    {
        var plan = Plan;
        var order = plan.StartOrder(names);
        var change = Changes.Create(kind, Summary(kind == "autostart" ? "Autostart" : "Start", order));
        change.ServiceNames.AddRange(order);
        var lanes = Tasks(plan, change, "start", order);
        _ = Run(change, [lanes]);
        return change;
    }

    /// <summary>Stops <paramref name="names"/> (and what requires them) as one change.</summary>
    public Change Stop(string kind, IReadOnlyList<string> names, string? summary = null)
    {
        var plan = Plan;
        var order = plan.StopOrder(names.Where(plan.Services.ContainsKey));
        var change = Changes.Create(kind, summary ?? Summary("Stop", order));
        change.ServiceNames.AddRange(order);
        var lanes = Tasks(plan, change, "stop", order);
        _ = Run(change, [lanes]);
        return change;
    }

    /// <summary>Stops then starts <paramref name="names"/> in one change.</summary>
    public Change Restart(IReadOnlyList<string> names)
    {
        var plan = Plan;
        var stopOrder = plan.StopOrder(names);
        var startOrder = plan.StartOrder(names);
        var change = Changes.Create("restart", Summary("Restart", names.ToList()));
        change.ServiceNames.AddRange(startOrder);
        var stops = Tasks(plan, change, "stop", stopOrder);
        var starts = Tasks(plan, change, "start", startOrder);
        _ = Run(change, [stops, starts]);
        return change;
    }

    /// <summary>Restarts services whose configuration changed and starts every enabled one.</summary>
    public Change Replan()
    {
        var plan = Plan;
        var stop = new List<string>();
        foreach (var s in plan.Services.Values)
        {
            var started = Services.StartedConfig(s.Name);
            if (started is not null && Services.IsActive(s.Name) && !started.SameConfigAs(s)) stop.Add(s.Name);
        }

        var start = plan.Services.Values.Where(s => s.Startup == Startup.Enabled).Select(s => s.Name).Concat(stop).Distinct().ToList();
        Checks.StartStopped(plan);
        if (start.Count == 0 && stop.Count == 0)
        {
            var empty = Changes.Create("replan", "Replan - no services");
            empty.MarkReady(Changes.Now);
            return empty;
        }

        var stopOrder = stop.Count == 0 ? [] : plan.StopOrder(stop);
        var startOrder = plan.StartOrder(start);
        var change = Changes.Create("replan", Summary("Replan", startOrder));
        change.ServiceNames.AddRange(startOrder);
        var stops = Tasks(plan, change, "stop", stopOrder);
        var starts = Tasks(plan, change, "start", startOrder);
        _ = Run(change, [stops, starts]);
        return change;
    }

    // One task per service, grouped in the plan's lanes.
    private List<List<ChangeTask>> Tasks(PebblePlan plan, Change change, string kind, List<string> order) =>
        plan.Lanes(order).Select(l => l.Select(n => Changes.AddTask(change, kind, $"{(kind == "start" ? "Start" : "Stop")} service \"{n}\"", n)).ToList()).ToList();

    /// <summary>Names of the services with <c>startup: enabled</c>.</summary>
    public List<string> DefaultServices() => Plan.Services.Values.Where(s => s.Startup == Startup.Enabled).Select(s => s.Name).ToList();

    private static string Summary(string verb, List<string> names) => names.Count switch
    {
        0 => $"{verb} - no services",
        1 => $"{verb} service \"{names[0]}\"",
        _ => $"{verb} service \"{names[0]}\" and {names.Count - 1} more",
    };

    // Phases run one after another; within a phase lanes run in parallel; within a lane tasks run in order and a
    // failure holds the rest of its lane.
    private async Task Run(Change change, List<List<List<ChangeTask>>> phases)
    {
        foreach (var lanes in phases)
            await Task.WhenAll(lanes.Select(RunLane)).ConfigureAwait(false);
        change.MarkReady(Changes.Now);
        if (change.Status == "Error")
        {
            foreach (var t in change.Tasks.Where(t => t.Status == "Error"))
                logger.Info($"Change {change.Id} task ({t.Summary}) failed: {t.LastError}");
        }
    }

    private async Task RunLane(List<ChangeTask> lane)
    {
        var failed = false;
        foreach (var task in lane)
        {
            if (failed)
            {
                task.SetStatus("Hold", Changes.Now);
                continue;
            }

            task.SetStatus("Doing", Changes.Now);
            try
            {
                if (task.Kind == "start") await Services.StartAsync(task.Target, task).ConfigureAwait(false);
                else await Services.StopAsync(task.Target).ConfigureAwait(false);
                task.SetStatus("Done", Changes.Now);
            }
            catch (Exception e) when (e is InvalidOperationException or ServiceStartException)
            {
                if (e is ServiceStartException { RecentOutput.Count: > 0 } s)
                    task.AddLog("INFO", "Most recent service output:\n" + string.Join("\n", s.RecentOutput.Select(l => "    " + l)), Changes.Now);
                task.AddLog("ERROR", e.Message, Changes.Now);
                task.SetStatus("Error", Changes.Now);
                failed = true;
            }
        }
    }

    private void OnCheckDown(string check)
    {
        foreach (var s in Plan.Services.Values)
        {
            if (!s.OnCheckFailure.TryGetValue(check, out var action)) continue;
            switch (action)
            {
                case ServiceAction.Restart or ServiceAction.Unset:
                    Services.RestartForCheck(s.Name, check);
                    break;
                case ServiceAction.Shutdown:
                    logger.Info($"Service \"{s.Name}\" on-check-failure action is \"shutdown\", triggering server exit");
                    RequestShutdown(11);
                    break;
                case ServiceAction.SuccessShutdown:
                    logger.Info($"Service \"{s.Name}\" on-check-failure action is \"success-shutdown\", triggering server exit");
                    RequestShutdown(0);
                    break;
            }
        }
    }
}

using Cairn.Daemon;
using Cairn.Pebble.Plan;
using Cairn.Pebble.Reaper;
using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// Supervises services: spawn, the 1-second okay window, exit actions, restart with backoff, stop with SIGTERM
/// then SIGKILL to the process group. One lock guards every service's state; process exits arrive from the
/// reaper and timers from the thread pool, and each checks the service's generation so stale events are ignored.
/// This file holds what callers ask of it; the state changes themselves are ServiceManager.Transitions.cs.
/// </summary>
internal sealed partial class ServiceManager(
    Logger logger, TimeProvider clock, PlanManager plans, IProcessSpawner spawner, UserLookup users, Action<int> requestShutdown)
{
    /// <summary>How long a started service must stay up before its start counts as done.</summary>
    public static readonly TimeSpan OkayDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long after SIGKILL a stop gives up.</summary>
    public static readonly TimeSpan FailDelay = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Dictionary<string, ServiceRuntime> services = [];

    /// <summary>When set, every service's output is copied there too (the daemon's stdout).</summary>
    public ServiceOutput? Output { get; init; }

    /// <summary>Status of every service in the plan, sorted by name.</summary>
    public List<(string Name, Startup Startup, string Current, DateTime? Since)> Statuses()
    {
        lock (gate)
        {
            return plans.Plan.Services.Values.Select(s =>
            {
                services.TryGetValue(s.Name, out var rt);
                return (s.Name, s.Startup == Startup.Enabled ? Startup.Enabled : Startup.Disabled, rt?.Reported ?? "inactive", rt is null ? (DateTime?)null : rt.CurrentSince);
            }).ToList();
        }
    }

    /// <summary>The service's state (<see cref="ServiceState.Initial"/> before its first start).</summary>
    public ServiceState StateOf(string name)
    {
        lock (gate) return services.TryGetValue(name, out var rt) ? rt.State : ServiceState.Initial;
    }

    /// <summary>Log buffers of services that have run, by name.</summary>
    public Dictionary<string, LogBuffer> Buffers()
    {
        lock (gate) return services.Values.ToDictionary(r => r.Name, r => r.Logs);
    }

    /// <summary>True while the service is starting or running.</summary>
    public bool IsActive(string name)
    {
        lock (gate) return services.TryGetValue(name, out var rt) && rt.State is ServiceState.Starting or ServiceState.Running;
    }

    /// <summary>Names of services that are starting, running or in backoff (what a shutdown must stop).</summary>
    public List<string> ActiveOrBackoff()
    {
        lock (gate) return services.Values.Where(r => r.State is ServiceState.Starting or ServiceState.Running or ServiceState.Backoff).Select(r => r.Name).ToList();
    }

    /// <summary>The configuration a service was last started with, or null if it never ran.</summary>
    public Service? StartedConfig(string name)
    {
        lock (gate) return services.TryGetValue(name, out var rt) ? rt.Config : null;
    }

    /// <summary>Largest kill-delay among active services (shutdown waits for it).</summary>
    public TimeSpan MaxKillDelay()
    {
        lock (gate)
        {
            return services.Values.Where(r => r.State is ServiceState.Starting or ServiceState.Running)
                .Select(r => r.Config?.KillDelay ?? Service.DefaultKillDelay).DefaultIfEmpty(TimeSpan.Zero).Max();
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until the output of every process started so far has been read to
    /// its end: a process's exit can be seen before its last bytes are read from its pipe.
    /// </summary>
    public void WaitForOutput(TimeSpan timeout)
    {
        List<Thread> readers;
        lock (gate) readers = services.Values.Select(r => r.Reader).OfType<Thread>().ToList();
        var deadline = DateTime.UtcNow + timeout;
        foreach (var reader in readers)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !reader.Join(left)) return;
        }
    }

    /// <summary>Starts a service and waits out its okay window; throws with the task's error text on failure.</summary>
    public async Task StartAsync(string name, ChangeTask? task)
    {
        TaskCompletionSource okay;
        lock (gate)
        {
            var config = plans.Plan.Services.GetValueOrDefault(name) ?? throw new InvalidOperationException($"service \"{name}\" does not exist");
            var rt = Runtime(name);
            if (rt.State is ServiceState.Starting or ServiceState.Running)
            {
                logger.Info($"Service \"{name}\" already started.");
                return;
            }

            okay = Start(rt, config);
        }

        await okay.Task.ConfigureAwait(false);
        _ = task;
    }

    /// <summary>Stops a service: SIGTERM to its group, SIGKILL after kill-delay, give up after a further 5 s.</summary>
    public async Task StopAsync(string name)
    {
        TaskCompletionSource stopped;
        lock (gate)
        {
            if (!services.TryGetValue(name, out var rt) || rt.State == ServiceState.Initial)
            {
                logger.Info($"Service \"{name}\" has never been started.");
                return;
            }

            switch (rt.State)
            {
                case ServiceState.Stopped:
                    logger.Info($"Service \"{name}\" already stopped.");
                    return;
                case ServiceState.Exited:
                    logger.Info($"Service \"{name}\" had already exited.");
                    Transition(rt, ServiceState.Stopped);
                    return;
                case ServiceState.Backoff:
                    rt.Timers.Cancel();
                    Transition(rt, ServiceState.Stopped);
                    return;
                case ServiceState.Terminating or ServiceState.Killing:
                    stopped = rt.Stopped!;
                    break;
                default:
                    stopped = Terminate(rt, restartAfter: false);
                    break;
            }
        }

        await stopped.Task.ConfigureAwait(false);
    }

    /// <summary>A check asked for a restart: terminate if running (then back off and restart), start backoff if exited.</summary>
    public void RestartForCheck(string name, string check)
    {
        lock (gate)
        {
            if (!services.TryGetValue(name, out var rt)) return;
            switch (rt.State)
            {
                case ServiceState.Starting or ServiceState.Running:
                    logger.Info($"Service \"{name}\" on-check-failure action is \"restart\" (check \"{check}\"), terminating");
                    Terminate(rt, restartAfter: true);
                    break;
                case ServiceState.Exited:
                    EnterBackoff(rt, "on-check-failure");
                    break;
            }
        }
    }

    /// <summary>Sends a signal to a running service's main process.</summary>
    public void Signal(string name, int signal)
    {
        lock (gate)
        {
            if (!services.TryGetValue(name, out var rt) || rt.State is not (ServiceState.Starting or ServiceState.Running))
                throw new InvalidOperationException($"cannot send signal to \"{name}\": service is not running");
            spawner.Signal(rt.Pid, signal);
        }
    }

    private ServiceRuntime Runtime(string name)
    {
        if (!services.TryGetValue(name, out var rt))
        {
            rt = new ServiceRuntime(name, new LogBuffer(name, clock, Output)) { CurrentSince = clock.GetUtcNow().UtcDateTime };
            services[name] = rt;
        }

        return rt;
    }

    /// <summary>Runs <paramref name="action"/> under the lock after <paramref name="delay"/> unless cancelled.</summary>
    private async Task After(TimeSpan delay, CancellationToken token, Action action)
    {
        try
        {
            await Task.Delay(delay, clock, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (gate) action();
    }
}

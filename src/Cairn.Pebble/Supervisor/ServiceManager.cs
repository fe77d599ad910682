using Cairn.Daemon;
using Cairn.Pebble.Daemon;
using Cairn.Pebble.Native;
using Cairn.Pebble.Plan;
using Cairn.Pebble.Reaper;
using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// Supervises services: spawn, the 1-second okay window, exit actions, restart with backoff, stop with SIGTERM
/// then SIGKILL to the process group. One lock guards every service's state; process exits arrive from the
/// reaper and timers from the thread pool, and each checks the service's generation so stale events are ignored.
/// </summary>
internal sealed class ServiceManager(Logger logger, TimeProvider clock, Action<int> requestShutdown, UserLookup users)
{
    /// <summary>How long a started service must stay up before its start counts as done.</summary>
    public static readonly TimeSpan OkayDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long after SIGKILL a stop gives up.</summary>
    public static readonly TimeSpan FailDelay = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Dictionary<string, ServiceRuntime> services = [];
    private PebblePlan plan = PebblePlan.Empty;

    /// <summary>When set, every service's output is copied there too (the daemon's stdout).</summary>
    public ServiceOutput? Output { get; init; }

    /// <summary>The plan new starts use (running services keep their configuration until restarted).</summary>
    public PebblePlan Plan
    {
        get { lock (gate) return plan; }
        set { lock (gate) plan = value; }
    }

    /// <summary>Status of every service in the plan, sorted by name.</summary>
    public List<(string Name, Startup Startup, string Current, DateTime? Since)> Statuses()
    {
        lock (gate)
        {
            return plan.Services.Values.Select(s =>
            {
                services.TryGetValue(s.Name, out var rt);
                return (s.Name, s.Startup == Startup.Enabled ? Startup.Enabled : Startup.Disabled, rt?.Reported ?? "inactive", rt is null ? (DateTime?)null : rt.CurrentSince);
            }).ToList();
        }
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
            var config = plan.Services.GetValueOrDefault(name) ?? throw new InvalidOperationException($"service \"{name}\" does not exist");
            var rt = Runtime(name);
            if (rt.State is ServiceState.Starting or ServiceState.Running)
            {
                logger.Info($"Service \"{name}\" already started.");
                return;
            }

            // A user start resets backoff and starts at once.
            rt.Timers.Cancel();
            rt.BackoffNum = 0;
            rt.BackoffDelay = null;
            rt.RestartAfterStop = false;
            Spawn(rt, config);
            okay = rt.Okay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var generation = rt.Generation;
            var timers = rt.Timers.Token;
            _ = After(OkayDelay, timers, () =>
            {
                if (rt.Generation != generation || rt.State != ServiceState.Starting) return;
                SetState(rt, ServiceState.Running);
                rt.Okay?.TrySetResult();
            });
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
                    SetState(rt, ServiceState.Stopped);
                    return;
                case ServiceState.Backoff:
                    rt.Timers.Cancel();
                    SetState(rt, ServiceState.Stopped);
                    return;
                case ServiceState.Terminating or ServiceState.Killing:
                    stopped = rt.Stopped!;
                    break;
                default:
                    stopped = BeginTerminate(rt, restartAfter: false);
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
                    BeginTerminate(rt, restartAfter: true);
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
            Libc.kill(rt.Pid, signal);
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

    // Called under the lock.
    private void Spawn(ServiceRuntime rt, Service config)
    {
        var command = ServiceCommand.Parse(config.Name, config.Command!);
        SpawnedProcess process;
        try
        {
            var argv = command.Argv();
            var identity = ServiceIdentity.For(config, users);
            if (identity.Fallback is not null && !rt.FallbackLogged)
            {
                logger.Info(identity.Fallback);
                rt.FallbackLogged = true;
            }

            var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
            foreach (var (k, v) in config.Environment) env[k] = v;
            if (identity.User is { } entry)
            {
                if (!config.Environment.ContainsKey("HOME")) env["HOME"] = entry.Home;
                if (!config.Environment.ContainsKey("USER")) env["USER"] = entry.Name;
            }

            var path = ProcessSpawner.LookPath(argv[0]);
            logger.Info($"Service \"{config.Name}\" starting: {config.Command}");
            process = ProcessSpawner.Spawn(new SpawnRequest(path, argv, env.Select(kv => $"{kv.Key}={kv.Value}").ToList(), config.WorkingDir, identity.Uid, identity.Gid));
        }
        catch (Exception e) when (e is SpawnException or InvalidOperationException)
        {
            SetState(rt, ServiceState.Stopped);
            throw new InvalidOperationException($"cannot start service: {e.Message}");
        }

        rt.Timers = new CancellationTokenSource();
        rt.Config = config.Copy();
        rt.Pid = process.Pid;
        rt.Generation++;
        SetState(rt, ServiceState.Starting);
        var generation = rt.Generation;
        var reader = new Thread(() => CopyOutput(process.Output, rt.Logs)) { IsBackground = true, Name = "output " + config.Name };
        reader.Start();
        rt.Reader = reader;
        _ = process.Exited.ContinueWith(t => OnExit(rt, generation, t.Result), TaskScheduler.Default);

        // Backoff resets when the process is still running after backoff-limit.
        var limit = config.BackoffLimit ?? Service.DefaultBackoffLimit;
        var timers = rt.Timers.Token;
        _ = After(limit, timers, () =>
        {
            if (rt.Generation != generation || rt.State != ServiceState.Running) return;
            rt.BackoffNum = 0;
            rt.BackoffDelay = null;
            logger.Debug($"Service \"{rt.Name}\" stayed up for its backoff-limit; backoff reset");
        });
    }

    private static void CopyOutput(Stream output, LogBuffer logs)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = output.Read(buffer, 0, buffer.Length)) > 0) logs.Write(buffer.AsSpan(0, n));
        }
        catch (IOException)
        {
            // The pipe broke: nothing more to read.
        }
        finally
        {
            logs.Flush();
            output.Dispose();
        }
    }

    private void OnExit(ServiceRuntime rt, int generation, int code)
    {
        lock (gate)
        {
            if (rt.Generation != generation) return;
            rt.ExitCode = code;
            switch (rt.State)
            {
                case ServiceState.Starting:
                {
                    var action = ActionFor(rt, code);
                    var will = action switch
                    {
                        ServiceAction.Restart => "restart",
                        ServiceAction.Ignore => "ignore",
                        _ => "shut down",
                    };
                    rt.Timers.Cancel();
                    var tail = rt.Logs.Tail(20);
                    var message = $"service start attempt: exited quickly with code {code}, will {will}";
                    logger.Info($"Service \"{rt.Name}\" stopped unexpectedly with code {code}");
                    ApplyExitAction(rt, code);
                    rt.Okay?.TrySetException(new ServiceStartException(message, tail.Select(l => l.Message).ToList()));
                    break;
                }

                case ServiceState.Running:
                    rt.Timers.Cancel();
                    logger.Info($"Service \"{rt.Name}\" stopped unexpectedly with code {code}");
                    ApplyExitAction(rt, code);
                    break;
                case ServiceState.Terminating or ServiceState.Killing:
                    rt.Timers.Cancel();
                    if (rt.RestartAfterStop)
                    {
                        rt.RestartAfterStop = false;
                        EnterBackoff(rt, "on-check-failure");
                    }
                    else
                    {
                        SetState(rt, ServiceState.Stopped);
                    }

                    rt.Stopped?.TrySetResult();
                    break;
            }
        }
    }

    private static ServiceAction ActionFor(ServiceRuntime rt, int code)
    {
        var action = code == 0 ? rt.Config!.OnSuccess : rt.Config!.OnFailure;
        return action == ServiceAction.Unset ? ServiceAction.Restart : action;
    }

    // Called under the lock.
    private void ApplyExitAction(ServiceRuntime rt, int code)
    {
        var field = code == 0 ? "on-success" : "on-failure";
        var action = ActionFor(rt, code);
        switch (action)
        {
            case ServiceAction.Restart:
                EnterBackoff(rt, field);
                break;
            case ServiceAction.Ignore:
                logger.Info($"Service \"{rt.Name}\" {field} action is \"ignore\", not doing anything further");
                SetState(rt, ServiceState.Exited);
                break;
            default:
                var exit = action switch
                {
                    ServiceAction.SuccessShutdown => 0,
                    ServiceAction.FailureShutdown => 10,
                    _ => code == 0 ? 0 : 10,
                };
                logger.Info($"Service \"{rt.Name}\" {field} action is \"{PebbleLayerWriter.ActionName(action)}\", triggering server exit");
                SetState(rt, ServiceState.Exited);
                requestShutdown(exit);
                break;
        }
    }

    // Called under the lock.
    private void EnterBackoff(ServiceRuntime rt, string field)
    {
        var config = rt.Config!;
        rt.BackoffNum++;
        rt.BackoffDelay = Backoff.Next(rt.BackoffDelay, config);
        var sleep = Backoff.WithJitter(rt.BackoffDelay.Value, Random.Shared.NextDouble());
        logger.Info($"Service \"{rt.Name}\" {field} action is \"restart\", waiting ~{GoDuration.Format(TimeSpan.FromSeconds(Math.Round(rt.BackoffDelay.Value.TotalSeconds, rt.BackoffDelay.Value < TimeSpan.FromSeconds(1) ? 1 : 0)))} before restart (backoff {rt.BackoffNum})");
        SetState(rt, ServiceState.Backoff);
        rt.Timers = new CancellationTokenSource();
        var generation = rt.Generation;
        _ = After(sleep, rt.Timers.Token, () =>
        {
            if (rt.Generation != generation || rt.State != ServiceState.Backoff) return;
            // Restarts use the current plan, and go straight to running (no okay window).
            var current = plan.Services.GetValueOrDefault(rt.Name);
            if (current is null)
            {
                SetState(rt, ServiceState.Stopped);
                return;
            }

            try
            {
                Spawn(rt, current);
                SetState(rt, ServiceState.Running);
            }
            catch (InvalidOperationException e)
            {
                logger.Info($"Service \"{rt.Name}\" restart failed: {e.Message}");
            }
        });
    }

    // Called under the lock.
    private TaskCompletionSource BeginTerminate(ServiceRuntime rt, bool restartAfter)
    {
        var wasStarting = rt.State == ServiceState.Starting;
        rt.Timers.Cancel();
        rt.Timers = new CancellationTokenSource();
        rt.RestartAfterStop = restartAfter;
        var stopped = rt.Stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Libc.kill(-rt.Pid, Libc.SIGTERM);
        SetState(rt, ServiceState.Terminating);
        if (wasStarting) rt.Okay?.TrySetException(new ServiceStartException("stopped before the 1s okay delay", []));
        var generation = rt.Generation;
        var killDelay = rt.Config?.KillDelay ?? Service.DefaultKillDelay;
        var token = rt.Timers.Token;
        _ = After(killDelay, token, () =>
        {
            if (rt.Generation != generation || rt.State != ServiceState.Terminating) return;
            logger.Info($"Service \"{rt.Name}\" did not stop after SIGTERM, sending SIGKILL");
            Libc.kill(-rt.Pid, Libc.SIGKILL);
            SetState(rt, ServiceState.Killing);
            _ = After(FailDelay, token, () =>
            {
                if (rt.Generation != generation || rt.State != ServiceState.Killing) return;
                SetState(rt, ServiceState.Stopped);
                rt.Stopped?.TrySetException(new InvalidOperationException("cannot stop service: process still running after SIGTERM and SIGKILL"));
            });
        });
        return stopped;
    }

    // Called under the lock.
    private void SetState(ServiceRuntime rt, ServiceState state)
    {
        rt.State = state;
        var reported = state switch
        {
            ServiceState.Starting or ServiceState.Running => "active",
            ServiceState.Backoff => "backoff",
            ServiceState.Exited => rt.ExitCode == 0 ? "inactive" : "error",
            _ => "inactive",
        };
        if (reported != rt.Reported)
        {
            rt.Reported = reported;
            rt.CurrentSince = clock.GetUtcNow().UtcDateTime;
        }
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

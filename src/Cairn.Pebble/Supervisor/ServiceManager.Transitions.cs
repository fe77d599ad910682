using Cairn.Daemon;
using Cairn.Pebble.Native;
using Cairn.Pebble.Plan;
using Cairn.Pebble.Reaper;
using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// A service's state changes, one method each, named after upstream's states and the events that move between them
/// (docs/pebble.md): a start goes to starting, the okay window to running; an exit goes, by the service's
/// on-success/on-failure action, to backoff (and from there back to running), exited, or a server exit; a stop goes
/// to terminating, kill-delay later to killing, and an exit during either to stopped. Every method here is called
/// under the lock; a timer or exit from an older process finds the generation changed and does nothing.
/// </summary>
internal sealed partial class ServiceManager
{
    // A user start: backoff starts over and the service starts at once.
    private TaskCompletionSource Start(ServiceRuntime rt, Service config)
    {
        rt.Timers.Cancel();
        rt.BackoffNum = 0;
        rt.BackoffDelay = null;
        rt.RestartAfterStop = false;
        Spawn(rt, config);
        var okay = rt.Okay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var generation = rt.Generation;
        _ = After(OkayDelay, rt.Timers.Token, () => OkayWaitElapsed(rt, generation));
        return okay;
    }

    // Starting -> running: the process stayed up for the okay window.
    private void OkayWaitElapsed(ServiceRuntime rt, int generation)
    {
        if (rt.Generation != generation || rt.State != ServiceState.Starting) return;
        Transition(rt, ServiceState.Running);
        rt.Okay?.TrySetResult();
    }

    // -> starting: a new process, a new generation. A spawn that fails leaves the service stopped.
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

            var path = spawner.LookPath(argv[0]);
            logger.Info($"Service \"{config.Name}\" starting: {config.Command}");
            process = spawner.Spawn(new SpawnRequest(path, argv, env.Select(kv => $"{kv.Key}={kv.Value}").ToList(), config.WorkingDir, identity.Uid, identity.Gid));
        }
        catch (Exception e) when (e is SpawnException or InvalidOperationException)
        {
            Transition(rt, ServiceState.Stopped);
            throw new InvalidOperationException($"cannot start service: {e.Message}");
        }

        rt.Timers = new CancellationTokenSource();
        rt.Config = config.Copy();
        rt.Pid = process.Pid;
        rt.Generation++;
        Transition(rt, ServiceState.Starting);
        var generation = rt.Generation;
        var reader = new Thread(() => CopyOutput(process.Output, rt.Logs)) { IsBackground = true, Name = "output " + config.Name };
        reader.Start();
        rt.Reader = reader;
        _ = process.Exited.ContinueWith(t => Exited(rt, generation, t.Result), TaskScheduler.Default);
        _ = After(config.BackoffLimit ?? Service.DefaultBackoffLimit, rt.Timers.Token, () => BackoffLimitElapsed(rt, generation));
    }

    // Backoff resets when the process is still running after backoff-limit.
    private void BackoffLimitElapsed(ServiceRuntime rt, int generation)
    {
        if (rt.Generation != generation || rt.State != ServiceState.Running) return;
        rt.BackoffNum = 0;
        rt.BackoffDelay = null;
        logger.Debug($"Service \"{rt.Name}\" stayed up for its backoff-limit; backoff reset");
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

    // The process ended (from the reaper, so this takes the lock itself).
    private void Exited(ServiceRuntime rt, int generation, int code)
    {
        lock (gate)
        {
            if (rt.Generation != generation) return;
            rt.ExitCode = code;
            switch (rt.State)
            {
                case ServiceState.Starting:
                    ExitedWhileStarting(rt, code);
                    break;
                case ServiceState.Running:
                    rt.Timers.Cancel();
                    logger.Info($"Service \"{rt.Name}\" stopped unexpectedly with code {code}");
                    ApplyExitAction(rt, code);
                    break;
                case ServiceState.Terminating or ServiceState.Killing:
                    ExitedWhileStopping(rt);
                    break;
            }
        }
    }

    // An exit inside the okay window fails the start, with the end of the service's output.
    private void ExitedWhileStarting(ServiceRuntime rt, int code)
    {
        var will = ActionFor(rt, code) switch
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
    }

    // Terminating or killing -> stopped, or -> backoff when a check's restart action did the stopping.
    private void ExitedWhileStopping(ServiceRuntime rt)
    {
        rt.Timers.Cancel();
        if (rt.RestartAfterStop)
        {
            rt.RestartAfterStop = false;
            EnterBackoff(rt, "on-check-failure");
        }
        else
        {
            Transition(rt, ServiceState.Stopped);
        }

        rt.Stopped?.TrySetResult();
    }

    private static ServiceAction ActionFor(ServiceRuntime rt, int code)
    {
        var action = code == 0 ? rt.Config!.OnSuccess : rt.Config!.OnFailure;
        return action == ServiceAction.Unset ? ServiceAction.Restart : action;
    }

    // on-success (exit code 0) or on-failure: -> backoff (restart), -> exited (ignore), or -> exited and a server exit.
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
                Transition(rt, ServiceState.Exited);
                break;
            default:
                var exit = action switch
                {
                    ServiceAction.SuccessShutdown => 0,
                    ServiceAction.FailureShutdown => 10,
                    _ => code == 0 ? 0 : 10,
                };
                logger.Info($"Service \"{rt.Name}\" {field} action is \"{PebbleLayerWriter.ActionName(action)}\", triggering server exit");
                Transition(rt, ServiceState.Exited);
                requestShutdown(exit);
                break;
        }
    }

    // -> backoff: the next delay (grown by the factor up to the limit, plus jitter), then a restart.
    private void EnterBackoff(ServiceRuntime rt, string field)
    {
        var config = rt.Config!;
        rt.BackoffNum++;
        rt.BackoffDelay = Backoff.Next(rt.BackoffDelay, config);
        var sleep = Backoff.WithJitter(rt.BackoffDelay.Value, Random.Shared.NextDouble());
        logger.Info($"Service \"{rt.Name}\" {field} action is \"restart\", waiting ~{GoDuration.Format(TimeSpan.FromSeconds(Math.Round(rt.BackoffDelay.Value.TotalSeconds, rt.BackoffDelay.Value < TimeSpan.FromSeconds(1) ? 1 : 0)))} before restart (backoff {rt.BackoffNum})");
        Transition(rt, ServiceState.Backoff);
        rt.Timers = new CancellationTokenSource();
        var generation = rt.Generation;
        _ = After(sleep, rt.Timers.Token, () => BackoffTimeElapsed(rt, generation));
    }

    // Backoff -> running: restarts use the current plan, and go straight to running (no okay window).
    private void BackoffTimeElapsed(ServiceRuntime rt, int generation)
    {
        if (rt.Generation != generation || rt.State != ServiceState.Backoff) return;
        var current = plans.Plan.Services.GetValueOrDefault(rt.Name);
        if (current is null)
        {
            Transition(rt, ServiceState.Stopped);
            return;
        }

        try
        {
            Spawn(rt, current);
            Transition(rt, ServiceState.Running);
        }
        catch (InvalidOperationException e)
        {
            logger.Info($"Service \"{rt.Name}\" restart failed: {e.Message}");
        }
    }

    // Starting or running -> terminating: SIGTERM to the process group; the kill-delay timer follows.
    private TaskCompletionSource Terminate(ServiceRuntime rt, bool restartAfter)
    {
        var wasStarting = rt.State == ServiceState.Starting;
        rt.Timers.Cancel();
        rt.Timers = new CancellationTokenSource();
        rt.RestartAfterStop = restartAfter;
        var stopped = rt.Stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        spawner.Signal(-rt.Pid, Libc.SIGTERM);
        Transition(rt, ServiceState.Terminating);
        if (wasStarting) rt.Okay?.TrySetException(new ServiceStartException("stopped before the 1s okay delay", []));
        var generation = rt.Generation;
        var token = rt.Timers.Token;
        _ = After(rt.Config?.KillDelay ?? Service.DefaultKillDelay, token, () => KillDelayElapsed(rt, generation, token));
        return stopped;
    }

    // Terminating -> killing: still there after kill-delay, so SIGKILL to the process group.
    private void KillDelayElapsed(ServiceRuntime rt, int generation, CancellationToken token)
    {
        if (rt.Generation != generation || rt.State != ServiceState.Terminating) return;
        logger.Info($"Service \"{rt.Name}\" did not stop after SIGTERM, sending SIGKILL");
        spawner.Signal(-rt.Pid, Libc.SIGKILL);
        Transition(rt, ServiceState.Killing);
        _ = After(FailDelay, token, () => FailDelayElapsed(rt, generation));
    }

    // Killing -> stopped: the stop gives up on a process that outlived SIGKILL.
    private void FailDelayElapsed(ServiceRuntime rt, int generation)
    {
        if (rt.Generation != generation || rt.State != ServiceState.Killing) return;
        Transition(rt, ServiceState.Stopped);
        rt.Stopped?.TrySetException(new InvalidOperationException("cannot stop service: process still running after SIGTERM and SIGKILL"));
    }

    // Every state change goes through here: the status the API reports, and since when.
    private void Transition(ServiceRuntime rt, ServiceState state)
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
}

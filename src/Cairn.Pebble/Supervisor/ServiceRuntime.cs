using Cairn.Pebble.Plan;
using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Supervisor;

/// <summary>Run-time data of one service: state, process, timers, backoff, and its log buffer (kept across restarts).</summary>
internal sealed class ServiceRuntime(string name, LogBuffer logs)
{
    public string Name { get; } = name;
    public LogBuffer Logs { get; } = logs;
    public ServiceState State { get; set; } = ServiceState.Initial;

    /// <summary>The configuration the current (or last) process was started with.</summary>
    public Service? Config { get; set; }

    public int Pid { get; set; }

    /// <summary>The thread reading the current (or last) process's output into <see cref="Logs"/>.</summary>
    public Thread? Reader { get; set; }

    /// <summary>Bumped at every spawn, so late events from an older process are ignored.</summary>
    public int Generation { get; set; }

    public int ExitCode { get; set; }

    /// <summary>Set once the "runs as the current user" notice is logged: once per service, not at every restart.</summary>
    public bool FallbackLogged { get; set; }
    public int BackoffNum { get; set; }
    public TimeSpan? BackoffDelay { get; set; }
    public DateTime CurrentSince { get; set; }
    public string Reported { get; set; } = "inactive";

    /// <summary>Set when a check's restart action stopped the process: its exit goes to backoff, not to stopped.</summary>
    public bool RestartAfterStop { get; set; }

    /// <summary>Completed when the start's 1-second okay window passes (or faulted when it fails).</summary>
    public TaskCompletionSource? Okay { get; set; }

    /// <summary>Completed when a requested stop ends.</summary>
    public TaskCompletionSource? Stopped { get; set; }

    /// <summary>Cancels the pending timers (okay, kill, backoff, reset) of the current generation.</summary>
    public CancellationTokenSource Timers { get; set; } = new();
}

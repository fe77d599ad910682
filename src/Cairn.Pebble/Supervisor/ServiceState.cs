namespace Cairn.Pebble.Supervisor;

/// <summary>A service's internal state (upstream's names).</summary>
internal enum ServiceState
{
    Initial,
    Starting,
    Running,
    Terminating,
    Killing,
    Stopped,
    Backoff,
    Exited,
}

using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Daemon;

/// <summary>The daemon's own log: stderr lines <c>TIME [pebble] message</c>, silenced for some <c>enter</c> subcommands.</summary>
internal sealed class Logger(TextWriter output, TimeProvider clock)
{
    private readonly Lock gate = new();

    /// <summary>When true nothing is written (upstream silences <c>enter plan</c> and friends).</summary>
    public bool Silent { get; set; }

    /// <summary>True with PEBBLE_DEBUG=1: debug lines are written too.</summary>
    public bool Debug { get; set; }

    public void Log(string message)
    {
        if (Silent) return;
        lock (gate)
        {
            output.Write($"{LogEntry.FormatTime(clock.GetUtcNow().UtcDateTime)} [pebble] {message}\n");
            output.Flush();
        }
    }

    public void LogDebug(string message)
    {
        if (Debug) Log("DEBUG " + message);
    }
}

using Cairn.Daemon;

namespace Cairn.Pebble.ServiceLog;

/// <summary>One line of a service's output, stamped when its first byte arrived.</summary>
internal sealed record LogEntry(DateTime Time, string Service, string Message)
{
    /// <summary>The line as <c>pebble logs</c> and verbose mode print it: <c>TIME [service] message</c>.</summary>
    public override string ToString() => $"{LogTime.Format(Time)} [{Service}] {Message}";
}

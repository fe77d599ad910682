using System.Globalization;

namespace Cairn.Pebble.ServiceLog;

/// <summary>One line of a service's output, stamped when its first byte arrived.</summary>
internal sealed record LogEntry(DateTime Time, string Service, string Message)
{
    /// <summary>Upstream's timestamp: UTC, milliseconds, <c>2006-01-02T15:04:05.000Z</c>.</summary>
    public static string FormatTime(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The line as <c>pebble logs</c> and verbose mode print it: <c>TIME [service] message</c>.</summary>
    public override string ToString() => $"{FormatTime(Time)} [{Service}] {Message}";
}

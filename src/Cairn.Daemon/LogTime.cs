using System.Globalization;

namespace Cairn.Daemon;

/// <summary>Log timestamps as both daemons print them (their own logs, and pebble's service logs): UTC, milliseconds.</summary>
public static class LogTime
{
    /// <summary><c>2024-01-02T03:04:05.678Z</c>.</summary>
    public static string Format(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

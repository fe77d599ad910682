using System.Text;

namespace Cairn.Daemon;

/// <summary>
/// How a <see cref="Logger"/> record becomes a line after its timestamp: each daemon writes its upstream's shape, so
/// logs read the same as upstream's (docs/pebble.md, docs/statsd-exporter.md).
/// </summary>
public abstract class LogFormat
{
    /// <summary>go-kit's logfmt, as statsd_exporter writes it: <c>ts=… level=info msg="…" key=value</c>.</summary>
    public static LogFormat Logfmt { get; } = new LogfmtFormat();

    /// <summary>pebble's <c>TIME [TAG] message</c>, with <c>DEBUG </c> before a debug record's message.</summary>
    public static LogFormat Tagged(string tag) => new TaggedFormat(tag);

    /// <summary>Appends the whole line for one record (without its newline).</summary>
    public abstract void Append(StringBuilder line, string time, LogLevel level, string message, ReadOnlySpan<(string Key, object? Value)> fields);
}

using System.Text;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>
/// A logfmt logger in the shape upstream's go-kit logger writes (<c>ts=… level=info msg="…" key=value</c>), to one
/// writer (stderr in the daemon, a <see cref="StringWriter"/> in tests). Thread-safe.
/// </summary>
public sealed class Logger
{
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    /// <summary>Creates a logger that drops records below <paramref name="level"/>.</summary>
    public Logger(TextWriter output, LogLevel level, TimeProvider time)
    {
        _output = output;
        Level = level;
        _time = time;
    }

    /// <summary>The lowest level written.</summary>
    public LogLevel Level { get; }

    /// <summary>A logger that writes nothing (for tests and benchmarks).</summary>
    public static Logger None { get; } = new(TextWriter.Null, LogLevel.Error + 1, TimeProvider.System);

    /// <summary>True when records of <paramref name="level"/> are written; check it before building costly fields.</summary>
    public bool IsEnabled(LogLevel level) => level >= Level;

    /// <summary>Writes a debug record.</summary>
    public void Debug(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Debug, message, fields);

    /// <summary>Writes an info record.</summary>
    public void Info(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Info, message, fields);

    /// <summary>Writes a warning record.</summary>
    public void Warn(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Warn, message, fields);

    /// <summary>Writes an error record.</summary>
    public void Error(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Error, message, fields);

    private void Write(LogLevel level, string message, (string Key, object? Value)[] fields)
    {
        if (!IsEnabled(level))
            return;
        var sb = new StringBuilder(128);
        sb.Append("ts=").Append(_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        sb.Append(" level=").Append(level.ToString().ToLowerInvariant());
        sb.Append(" msg=");
        AppendValue(sb, message);
        foreach (var (key, value) in fields)
        {
            sb.Append(' ').Append(key).Append('=');
            AppendValue(sb, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        sb.Append('\n');
        lock (_lock)
        {
            _output.Write(sb.ToString());
            _output.Flush();
        }
    }

    private static void AppendValue(StringBuilder sb, string value)
    {
        var needsQuotes = value.Length == 0 || value.AsSpan().IndexOfAny(" =\"\\\n\r\t") >= 0;
        if (!needsQuotes)
        {
            sb.Append(value);
            return;
        }

        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
    }
}

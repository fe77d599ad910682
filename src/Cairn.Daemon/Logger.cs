using System.Text;

namespace Cairn.Daemon;

/// <summary>
/// A daemon's own log on one writer (stderr in the daemons, a <see cref="StringWriter"/> in tests): records at or
/// above a level, each one whole line in the daemon's <see cref="LogFormat"/>, stamped with the clock it is given
/// (UTC, milliseconds). Thread-safe.
/// </summary>
public sealed class Logger
{
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly LogFormat _format;
    private readonly Lock _lock = new();

    /// <summary>Creates a logger that drops records below <paramref name="level"/>.</summary>
    public Logger(TextWriter output, LogLevel level, TimeProvider time, LogFormat format)
    {
        _output = output;
        Level = level;
        _time = time;
        _format = format;
    }

    /// <summary>The lowest level written (<see cref="LogLevel.None"/>: nothing is).</summary>
    public LogLevel Level { get; }

    /// <summary>A logger that writes nothing (for tests and benchmarks).</summary>
    public static Logger None { get; } = new(TextWriter.Null, LogLevel.None, TimeProvider.System, LogFormat.Logfmt);

    /// <summary>True when records of <paramref name="level"/> are written; check it before building costly fields.</summary>
    public bool IsEnabled(LogLevel level) => level >= Level && level != LogLevel.None;

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
        _format.Append(sb, LogTime.Format(_time.GetUtcNow().UtcDateTime), level, message, fields);
        sb.Append('\n');
        lock (_lock)
        {
            _output.Write(sb.ToString());
            _output.Flush();
        }
    }
}

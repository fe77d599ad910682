using System.Text;

namespace Cairn.Daemon;

/// <summary>pebble's daemon log: <c>TIME [pebble] message</c>, <c>TIME [pebble] DEBUG message</c> for debug records.</summary>
internal sealed class TaggedFormat(string tag) : LogFormat
{
    public override void Append(StringBuilder line, string time, LogLevel level, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        line.Append(time).Append(" [").Append(tag).Append("] ");
        if (level == LogLevel.Debug) line.Append("DEBUG ");
        line.Append(message);
        LogfmtFormat.AppendFields(line, fields);
    }
}

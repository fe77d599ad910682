using System.Globalization;
using System.Text;

namespace Cairn.Daemon;

/// <summary>go-kit's logfmt: <c>ts=… level=info msg="…" key=value</c>, a value quoted when it needs it.</summary>
internal sealed class LogfmtFormat : LogFormat
{
    public override void Append(StringBuilder line, string time, LogLevel level, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        line.Append("ts=").Append(time);
        line.Append(" level=").Append(level.ToString().ToLowerInvariant());
        line.Append(" msg=");
        AppendValue(line, message);
        AppendFields(line, fields);
    }

    /// <summary>Appends <c> key=value</c> for each field.</summary>
    public static void AppendFields(StringBuilder line, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        foreach (var (key, value) in fields)
        {
            line.Append(' ').Append(key).Append('=');
            AppendValue(line, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
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

using System.Text;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Exposition;

/// <summary>
/// Writes the Prometheus text format 0.0.4 as UTF-8 into a growing buffer, with client_golang's escaping and number
/// layout: HELP escapes <c>\</c> and newline, label values also <c>"</c>; an extra label (<c>quantile</c>, <c>le</c>)
/// comes after the series' own labels.
/// </summary>
public sealed class ExpositionWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with an initial capacity in bytes.</summary>
    public ExpositionWriter(int capacity = 4096)
    {
        _buffer = new byte[Math.Max(capacity, 256)];
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far, as memory (valid until the next write).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>The output as a string (tests).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Written);

    /// <summary>Starts over, keeping the buffer.</summary>
    public void Clear() => _length = 0;

    /// <summary>Writes <c># HELP</c> and <c># TYPE</c> for a family.</summary>
    public void WriteHeader(string name, string help, MetricType type)
    {
        Append("# HELP ");
        Append(name);
        Append(' ');
        AppendEscaped(help, "\\\n");

        Append("\n# TYPE ");
        Append(name);
        Append(type switch
        {
            MetricType.Counter => " counter\n",
            MetricType.Gauge => " gauge\n",
            MetricType.Summary => " summary\n",
            _ => " histogram\n",
        });
    }

    /// <summary>Writes <c>name{labels} value</c>.</summary>
    public void WriteSample(string name, Label[] labels, double value) => WriteSample(name, null, labels, null, 0, value);

    /// <summary>Writes <c>name+suffix{labels,extraName="extraValue"} value</c>.</summary>
    public void WriteSample(string name, string? suffix, Label[] labels, string? extraName, double extraValue, double value)
    {
        Append(name);
        if (suffix is not null)
            Append(suffix);
        if (labels.Length > 0 || extraName is not null)
        {
            Append('{');
            var first = true;
            foreach (var label in labels)
            {
                if (!first)
                    Append(',');
                first = false;
                Append(label.Name);
                Append("=\"");
                AppendLabelValue(label.Value);
                Append('"');
            }

            if (extraName is not null)
            {
                if (!first)
                    Append(',');
                Append(extraName);
                Append("=\"");
                AppendNumber(extraValue);
                Append('"');
            }

            Append('}');
        }

        Append(' ');
        AppendNumber(value);
        Append('\n');
    }

    /// <summary>Appends raw text.</summary>
    public void Append(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void Append(char c)
    {
        // Only ASCII punctuation goes through here; text goes through Append(string) so surrogate pairs stay whole.
        Ensure(1);
        _buffer[_length++] = (byte)c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void AppendNumber(double value)
    {
        Span<char> chars = stackalloc char[GoFloatFormatter.MaxLength];
        var n = GoFloatFormatter.Format(value, chars);
        Ensure(n);
        for (var i = 0; i < n; i++)
            _buffer[_length++] = (byte)chars[i];
    }

    private void AppendLabelValue(string value) => AppendEscaped(value, "\\\"\n");

    /// <summary>Appends <paramref name="text"/> with each character of <paramref name="special"/> backslash-escaped.</summary>
    private void AppendEscaped(string text, string special)
    {
        var rest = text.AsSpan();
        while (true)
        {
            var at = rest.IndexOfAny(special);
            if (at < 0)
            {
                Append(rest);
                return;
            }

            Append(rest[..at]);
            Append(rest[at] == '\n' ? "\\n" : rest[at] == '"' ? "\\\"" : "\\\\");
            rest = rest[(at + 1)..];
        }
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
            return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
    }
}

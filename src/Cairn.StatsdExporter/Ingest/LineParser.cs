using System.Text;
using Cairn.Daemon;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Metrics;

using Reason = Cairn.StatsdExporter.Metrics.ExporterTelemetry.SampleErrorReason;

namespace Cairn.StatsdExporter.Ingest;

/// <summary>
/// Turns StatsD lines into <see cref="Event"/>s with upstream v0.26.0's grammar: several samples per line,
/// sample rates, the four tag styles. A bad line or sample is counted in the telemetry and logged at debug level;
/// nothing a sender writes can make it throw.
/// </summary>
public sealed class LineParser
{
    /// <summary>
    /// Upstream repeats an observer event <c>floor(1/rate)</c> times, so <c>@1e-12</c> would ask for a trillion copies.
    /// Every rate a client really samples at (down to 1e-5) repeats exactly as upstream; a smaller one repeats this many
    /// times, which bounds one line's cost to one shared event, this many list slots and this many observations.
    /// </summary>
    public const int MaxRepeats = 100_000;

    private readonly TagStyles _styles;
    private readonly ExporterTelemetry _telemetry;
    private readonly Logger _logger;

    /// <summary>Creates a parser for the given tag styles.</summary>
    public LineParser(TagStyles styles, ExporterTelemetry telemetry, Logger logger)
    {
        _styles = styles;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>
    /// Splits a datagram (or a read chunk) on <c>\n</c> and parses every line, counting each one, empty ones included.
    /// A line that is not valid UTF-8 is rejected as malformed.
    /// </summary>
    public void ParsePacket(ReadOnlySpan<byte> packet, string protocol, List<Event> output)
    {
        while (true)
        {
            var newline = packet.IndexOf((byte)'\n');
            var line = newline < 0 ? packet : packet[..newline];
            ParseLineBytes(line, protocol, output);
            if (newline < 0)
                return;
            packet = packet[(newline + 1)..];
        }
    }

    /// <summary>Parses one line given as bytes (counted in <c>lines_total</c>).</summary>
    public void ParseLineBytes(ReadOnlySpan<byte> line, string protocol, List<Event> output)
    {
        _telemetry.LinesTotal.Increment();
        if (line.IsEmpty)
            return;
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            Reject(Reason.MalformedLine, "invalid UTF-8", protocol);
            return;
        }

        var text = Encoding.UTF8.GetString(line);
        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.Debug("Incoming line", ("proto", protocol), ("line", text));
        ParseLine(text, output);
    }

    /// <summary>Parses one line of text (not counted in <c>lines_total</c>; the callers count).</summary>
    public void ParseLine(string line, List<Event> output)
    {
        if (line.Length == 0)
            return;
        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            Reject(Reason.MalformedLine, line);
            return;
        }

        var labels = new List<Label>();
        var name = ParseNameTags(line.AsSpan(0, colon), labels);
        var rest = line.AsSpan(colon + 1);
        var usesDogStatsDTags = rest.IndexOf("|#", StringComparison.Ordinal) >= 0;
        if (usesDogStatsDTags && labels.Count > 0)
        {
            Reject(Reason.MixedTaggingStyles, line);
            return;
        }

        if (usesDogStatsDTags)
        {
            ParseSample(name, rest, labels, line, output);
            return;
        }

        // Without DogStatsD tags every ':' starts another sample of the same metric (foo:1|c:2|c).
        foreach (var range in rest.Split(':'))
            ParseSample(name, rest[range], labels, line, output);
    }

    private void ParseSample(string name, ReadOnlySpan<char> sample, List<Label> labels, string line, List<Event> output)
    {
        _telemetry.SamplesTotal.Increment();
        Span<Range> parts = stackalloc Range[5];
        var count = sample.Split(parts, '|');
        if (count < 2 || count > 4)
        {
            Reject(Reason.MalformedComponent, line);
            return;
        }

        var valueText = sample[parts[0]];
        var type = sample[parts[1]];
        var isRelative = valueText.Length > 0 && valueText[0] is '+' or '-';
        if (!GoFloat.TryParse(valueText, out var value))
        {
            Reject(Reason.MalformedValue, line);
            return;
        }

        for (var i = 2; i < count; i++)
        {
            if (sample[parts[i]].IsEmpty)
            {
                Reject(Reason.MalformedComponent, line);
                return;
            }
        }

        var isObserver = type is "ms" or "h" or "d";
        var repeats = 1;
        for (var i = 2; i < count; i++)
        {
            var section = sample[parts[i]];
            switch (section[0])
            {
                case '@':
                    if (!GoFloat.TryParse(section[1..], out var rate))
                    {
                        Reject(Reason.InvalidSampleFactor, line);
                        rate = 1;
                    }

                    if (rate == 0)
                        rate = 1;
                    if (type is "c")
                        value /= rate;
                    else if (isObserver)
                        repeats = RepeatsFor(rate);
                    break;
                case '#':
                    ParseTagList(section[1..], ':', isDogStatsD: true, labels);
                    break;
                default:
                    // v0.26.0 counts an unknown section and still uses the sample.
                    Reject(Reason.InvalidSampleFactor, line);
                    break;
            }
        }

        var labelArray = labels.Count == 0 ? [] : labels.ToArray();
        if (labelArray.Length > 0)
            _telemetry.TagsTotal.Increment();
        var ev = type switch
        {
            "c" => new Event(EventKind.Counter, name, value, isRelative, labelArray),
            "g" => new Event(EventKind.Gauge, name, value, isRelative, labelArray),
            "ms" => new Event(EventKind.Observer, name, value / 1000, isRelative, labelArray),
            "h" or "d" => new Event(EventKind.Observer, name, value, isRelative, labelArray),
            _ => null,
        };

        // Only observer types repeat, so an illegal type is one would-be event, counted once as upstream does.
        if (ev is null)
        {
            Reject(Reason.IllegalEvent, line);
            return;
        }

        // Events are immutable: the repetitions of a sampled observer share one.
        output.EnsureCapacity(output.Count + repeats);
        for (var i = 0; i < repeats; i++)
            output.Add(ev);
    }

    /// <summary><c>floor(1/rate)</c>, 0 for rates above 1, negative or NaN, and at most <see cref="MaxRepeats"/>.</summary>
    private static int RepeatsFor(double rate)
    {
        var repeats = Math.Floor(1 / rate);
        if (double.IsNaN(repeats) || repeats < 1)
            return 0;
        return repeats > MaxRepeats ? MaxRepeats : (int)repeats;
    }

    private string ParseNameTags(ReadOnlySpan<char> component, List<Label> labels)
    {
        if ((_styles & TagStyles.SignalFX) != 0)
        {
            var open = component.IndexOf('[');
            var close = component.IndexOf(']');
            if (open >= 0 && close > open)
            {
                ParseTagList(component[(open + 1)..close], '=', isDogStatsD: false, labels);
                return string.Concat(component[..open], component[(close + 1)..]);
            }

            if (open >= 0 || close >= 0)
            {
                // One bracket, or ']' before '[' (which crashes upstream): keep the name as sent.
                _telemetry.TagErrors.Increment();
                return component.ToString();
            }
        }

        for (var i = 0; i < component.Length; i++)
        {
            var c = component[i];
            if ((c == '#' && (_styles & TagStyles.Librato) != 0) || (c == ',' && (_styles & TagStyles.InfluxDB) != 0))
            {
                ParseTagList(component[(i + 1)..], '=', isDogStatsD: false, labels);
                return component[..i].ToString();
            }
        }

        return component.ToString();
    }

    private void ParseTagList(ReadOnlySpan<char> list, char separator, bool isDogStatsD, List<Label> labels)
    {
        if (isDogStatsD && (_styles & TagStyles.DogStatsD) == 0)
            return;
        while (true)
        {
            var comma = list.IndexOf(',');
            if (comma < 0)
            {
                // A trailing comma leaves an empty last item, which upstream does not count as an error.
                if (!list.IsEmpty)
                    ParseTag(list, separator, isDogStatsD, labels);
                return;
            }

            ParseTag(list[..comma], separator, isDogStatsD, labels);
            list = list[(comma + 1)..];
        }
    }

    private void ParseTag(ReadOnlySpan<char> tag, char separator, bool isDogStatsD, List<Label> labels)
    {
        if (isDogStatsD && tag.Length > 0 && tag[0] == '#')
            tag = tag[1..];
        var at = tag.IndexOf(separator);
        if (at <= 0 || at == tag.Length - 1)
        {
            _telemetry.TagErrors.Increment();
            if (_logger.IsEnabled(LogLevel.Debug))
                _logger.Debug("Malformed tag", ("tag", tag.ToString()));
            return;
        }

        var label = new Label(MetricNameEscaper.Escape(tag[..at].ToString()), tag[(at + 1)..].ToString());
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i].Name == label.Name)
            {
                labels[i] = label;
                return;
            }
        }

        labels.Add(label);
    }

    private void Reject(string reason, string line, string? protocol = null)
    {
        _telemetry.SampleErrors.Increment(reason);
        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.Debug("Bad StatsD line", ("reason", reason), ("line", line), ("proto", protocol));
    }
}

namespace Cairn.StatsdExporter.Ingest;

/// <summary>
/// One StatsD sample after parsing: the raw metric name (tags removed), its value (timers already in seconds),
/// and the tag labels. Immutable; events of one line may share their <see cref="Labels"/> array.
/// </summary>
public sealed class Event
{
    /// <summary>Creates an event.</summary>
    public Event(EventKind kind, string metricName, double value, bool isRelative, Label[] labels)
    {
        Kind = kind;
        MetricName = metricName;
        Value = value;
        IsRelative = isRelative;
        Labels = labels;
    }

    /// <summary>Counter, gauge or observer.</summary>
    public EventKind Kind { get; }

    /// <summary>The StatsD name as sent, without tags (not yet escaped).</summary>
    public string MetricName { get; }

    /// <summary>The value; for <c>ms</c> lines already divided by 1000.</summary>
    public double Value { get; }

    /// <summary>For gauges: the value was written with a leading sign and is added, not set.</summary>
    public bool IsRelative { get; }

    /// <summary>Labels from tags, unique by name (a later tag overwrote an earlier one), in arrival order.</summary>
    public Label[] Labels { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind} {MetricName}={Value}{(IsRelative ? " (relative)" : "")}{(Labels.Length == 0 ? "" : " {" + string.Join(",", Labels.Select(l => l.Name + "=" + l.Value)) + "}")}";
}

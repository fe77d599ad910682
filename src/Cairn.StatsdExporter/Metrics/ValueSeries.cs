using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>A counter or gauge series: one number.</summary>
public sealed class ValueSeries : Series
{
    /// <summary>Creates a series at zero.</summary>
    public ValueSeries(Label[] labels, TimeSpan ttl, DateTimeOffset now)
        : base(labels, ttl, now)
    {
    }

    /// <summary>The current value.</summary>
    public double Value { get; set; }
}

using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>A histogram series with classic buckets (client_golang semantics: a value goes to the first bucket whose bound is ≥ it).</summary>
public sealed class HistogramSeries : Series
{
    /// <summary>Creates an empty histogram with <paramref name="bounds"/> (strictly increasing, without +Inf).</summary>
    public HistogramSeries(Label[] labels, TimeSpan ttl, DateTimeOffset now, double[] bounds)
        : base(labels, ttl, now)
    {
        Bounds = bounds;
        Counts = new long[bounds.Length + 1];
    }

    /// <summary>The upper bounds, without +Inf.</summary>
    public double[] Bounds { get; }

    /// <summary>Per-bucket (not cumulative) counts; the last one is +Inf.</summary>
    public long[] Counts { get; }

    /// <summary>Sum of observations.</summary>
    public double Sum { get; private set; }

    /// <summary>Number of observations.</summary>
    public long Count { get; private set; }

    /// <summary>Records one observation.</summary>
    public void Observe(double value)
    {
        var i = 0;
        while (i < Bounds.Length && !(value <= Bounds[i]))
            i++;
        Counts[i]++;
        Sum += value;
        Count++;
    }
}

namespace Cairn.StatsdExporter.Metrics;

/// <summary>The Prometheus metric types the exporter creates.</summary>
public enum MetricType
{
    /// <summary>A monotonic counter.</summary>
    Counter,

    /// <summary>A gauge.</summary>
    Gauge,

    /// <summary>A summary with quantiles.</summary>
    Summary,

    /// <summary>A histogram with classic buckets.</summary>
    Histogram,
}

using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>One time series of a family: its labels (sorted by name), when it was last updated, and how long it may idle.</summary>
public abstract class Series
{
    /// <summary>Creates a series.</summary>
    protected Series(Label[] labels, TimeSpan ttl, DateTimeOffset now)
    {
        Labels = labels;
        Ttl = ttl;
        LastUpdated = now;
    }

    /// <summary>Labels sorted by name.</summary>
    public Label[] Labels { get; }

    /// <summary>Idle time after which the series is removed; zero means never.</summary>
    public TimeSpan Ttl { get; set; }

    /// <summary>The last time an event touched the series.</summary>
    public DateTimeOffset LastUpdated { get; set; }
}

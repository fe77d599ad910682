namespace Cairn.StatsdExporter.Ingest;

/// <summary>The three kinds of StatsD event; timers, histograms and distributions are all observers.</summary>
public enum EventKind
{
    /// <summary>A <c>c</c> line.</summary>
    Counter = 0,

    /// <summary>A <c>g</c> line, absolute or relative.</summary>
    Gauge = 1,

    /// <summary>An <c>ms</c>, <c>h</c> or <c>d</c> line.</summary>
    Observer = 2,
}

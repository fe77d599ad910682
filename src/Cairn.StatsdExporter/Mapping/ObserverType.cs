namespace Cairn.StatsdExporter.Mapping;

/// <summary>What an observer (timer, histogram, distribution) event becomes.</summary>
public enum ObserverType
{
    /// <summary>Not set by the mapping nor the defaults: a summary.</summary>
    Default,

    /// <summary>A summary with quantiles.</summary>
    Summary,

    /// <summary>A histogram with buckets.</summary>
    Histogram,
}

namespace Cairn.StatsdExporter.Mapping;

/// <summary>The settings of a histogram, fully resolved: strictly increasing upper bounds (<c>+Inf</c> is implicit).</summary>
public sealed record HistogramOptions(IReadOnlyList<double> Buckets)
{
    /// <summary>client_golang's default buckets.</summary>
    public static HistogramOptions Default { get; } = new([.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10]);
}

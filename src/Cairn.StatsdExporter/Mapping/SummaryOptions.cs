namespace Cairn.StatsdExporter.Mapping;

/// <summary>The settings of a summary, fully resolved (no unset fields).</summary>
public sealed record SummaryOptions(IReadOnlyList<Objective> Objectives, TimeSpan MaxAge, int AgeBuckets, int BufferCapacity)
{
    /// <summary>client_golang's defaults: quantiles 0.5/0.9/0.99 with errors .05/.01/.001, a 10-minute window in 5 buckets, 500 buffered samples.</summary>
    public static SummaryOptions Default { get; } = new(
        [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)], TimeSpan.FromMinutes(10), 5, 500);
}

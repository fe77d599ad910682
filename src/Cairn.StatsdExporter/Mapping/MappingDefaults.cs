namespace Cairn.StatsdExporter.Mapping;

/// <summary>The <c>defaults</c> section of a mapping config, with client_golang's values for what it leaves out.</summary>
public sealed record MappingDefaults(
    ObserverType ObserverType,
    MatchType MatchType,
    bool GlobDisableOrdering,
    TimeSpan Ttl,
    SummaryOptions SummaryOptions,
    HistogramOptions HistogramOptions)
{
    /// <summary>The defaults when the file has no <c>defaults</c> section (or there is no file).</summary>
    public static MappingDefaults BuiltIn { get; } = new(
        ObserverType.Default, MatchType.Glob, false, TimeSpan.Zero, SummaryOptions.Default, HistogramOptions.Default);
}

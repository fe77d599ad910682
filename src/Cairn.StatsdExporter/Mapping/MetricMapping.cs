using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// One rule of the mapping config, validated and with every default already applied (observer type, summary and
/// histogram options, ttl), so the exporter never looks at the defaults again.
/// </summary>
public sealed class MetricMapping
{
    /// <summary>The <c>match</c> pattern as written.</summary>
    public required string Match { get; init; }

    /// <summary>Glob or regex.</summary>
    public required MatchType MatchType { get; init; }

    /// <summary>The <c>name</c> template as written.</summary>
    public required string Name { get; init; }

    /// <summary>Label names (validated) and their templates as written, in file order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; }

    /// <summary>The HELP text, or null for the default.</summary>
    public string? Help { get; init; }

    /// <summary>Map or drop.</summary>
    public MappingAction Action { get; init; }

    /// <summary>Only events of this kind match, or null for any.</summary>
    public EventKind? MatchMetricType { get; init; }

    /// <summary>Summary, histogram, or default (a summary).</summary>
    public ObserverType ObserverType { get; init; }

    /// <summary>Tag values win over this mapping's labels.</summary>
    public bool HonorLabels { get; init; }

    /// <summary>Series not updated for this long are removed; zero means never.</summary>
    public TimeSpan Ttl { get; init; }

    /// <summary>Factor applied to the event value, or null.</summary>
    public double? Scale { get; init; }

    /// <summary>Used when an observer event becomes a summary.</summary>
    public required SummaryOptions SummaryOptions { get; init; }

    /// <summary>Used when an observer event becomes a histogram.</summary>
    public required HistogramOptions HistogramOptions { get; init; }

    /// <summary>1-based line of the rule in the file (0 for built-in ones).</summary>
    public int Line { get; init; }

    /// <summary>The compiled name template (glob rules).</summary>
    internal GlobTemplate? GlobName { get; init; }

    /// <summary>The compiled label templates (glob rules).</summary>
    internal GlobTemplate[]? GlobLabels { get; init; }

    /// <summary>The compiled pattern (regex rules).</summary>
    internal GoRegex? Regex { get; init; }

    /// <summary>The compiled name template (regex rules).</summary>
    internal RegexTemplate? RegexName { get; init; }

    /// <summary>The compiled label templates (regex rules).</summary>
    internal RegexTemplate[]? RegexLabels { get; init; }

    /// <summary>The glob's components, null standing for <c>*</c>.</summary>
    internal string?[]? GlobComponents { get; init; }
}

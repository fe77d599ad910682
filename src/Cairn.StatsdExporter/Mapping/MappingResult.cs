using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// What the mapper decided for one (kind, StatsD name): the rule (null when none matched), the Prometheus name already
/// expanded and escaped, and the rule's expanded labels. Cached, so it is shared between events.
/// </summary>
public sealed class MappingResult
{
    /// <summary>Creates a result.</summary>
    public MappingResult(MetricMapping? mapping, string metricName, Label[] labels)
    {
        Mapping = mapping;
        MetricName = metricName;
        Labels = labels;
    }

    /// <summary>The matching rule, or null for an unmapped event.</summary>
    public MetricMapping? Mapping { get; }

    /// <summary>The Prometheus name (escaped; may be empty when a template expanded to nothing).</summary>
    public string MetricName { get; }

    /// <summary>The rule's labels, expanded, in the rule's order.</summary>
    public Label[] Labels { get; }
}

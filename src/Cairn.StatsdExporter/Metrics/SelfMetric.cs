using Cairn.StatsdExporter.Exposition;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>One of the exporter's own metric families (<c>statsd_exporter_*</c> and friends), exposed beside the mapped ones.</summary>
public abstract class SelfMetric
{
    /// <summary>Creates a family description.</summary>
    protected SelfMetric(string name, string help, MetricType type)
    {
        Name = name;
        Help = help;
        Type = type;
    }

    /// <summary>The family name.</summary>
    public string Name { get; }

    /// <summary>The fixed HELP text (upstream's wording, since it appears in the output).</summary>
    public string Help { get; }

    /// <summary>Counter or gauge.</summary>
    public MetricType Type { get; }

    /// <summary>True when the family has at least one sample to show (labelled families are absent until first use).</summary>
    public abstract bool HasSamples { get; }

    /// <summary>Writes the sample lines (not HELP/TYPE).</summary>
    public abstract void WriteSamples(ExpositionWriter writer);
}

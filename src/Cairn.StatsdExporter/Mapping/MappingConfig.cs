namespace Cairn.StatsdExporter.Mapping;

/// <summary>A loaded mapping config: the rules in file order and the defaults used for unmapped events.</summary>
public sealed class MappingConfig
{
    /// <summary>Creates a config.</summary>
    public MappingConfig(IReadOnlyList<MetricMapping> mappings, MappingDefaults defaults, IReadOnlyList<string>? warnings = null)
    {
        Mappings = mappings;
        Defaults = defaults;
        Warnings = warnings ?? [];
    }

    /// <summary>No rules, built-in defaults: what runs without <c>--statsd.mapping-config</c>.</summary>
    public static MappingConfig Empty { get; } = new([], MappingDefaults.BuiltIn);

    /// <summary>The rules in file order.</summary>
    public IReadOnlyList<MetricMapping> Mappings { get; }

    /// <summary>The <c>defaults</c> section, resolved.</summary>
    public MappingDefaults Defaults { get; }

    /// <summary>Things worth a warning in the log (unknown keys, deprecated spellings).</summary>
    public IReadOnlyList<string> Warnings { get; }
}

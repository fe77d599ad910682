namespace Cairn.StatsdExporter.Mapping;

/// <summary>What happens to an event a mapping matches.</summary>
public enum MappingAction
{
    /// <summary>Turn it into a Prometheus metric (the default).</summary>
    Map,

    /// <summary>Discard it.</summary>
    Drop,
}

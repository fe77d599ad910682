namespace Cairn.Pebble.Plan;

/// <summary>One layer: a file <c>NNN-label.yaml</c> in the layers directory, or one added through the API.</summary>
public sealed class PebbleLayer
{
    /// <summary>Effective order (1000 × directory order + file order inside a <c>.d</c> directory).</summary>
    public int Order { get; set; }

    /// <summary>The label (<c>label</c>, or <c>dir/label</c> inside a <c>.d</c> directory).</summary>
    public string Label { get; set; } = "";

    /// <summary>The file the layer was read from (<see cref="LayersDirectory"/>), or null (API, <c>--args</c>, rockcraft.yaml).</summary>
    public string? Path { get; set; }

    public string? Summary { get; set; }
    public string? Description { get; set; }

    /// <summary>Services by name, sorted.</summary>
    public SortedDictionary<string, Service> Services { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Checks by name, sorted.</summary>
    public SortedDictionary<string, Check> Checks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Log targets by name, sorted.</summary>
    public SortedDictionary<string, LogTarget> LogTargets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A deep copy.</summary>
    public PebbleLayer Copy() => new()
    {
        Order = Order, Label = Label, Path = Path, Summary = Summary, Description = Description,
        Services = new(Services.ToDictionary(kv => kv.Key, kv => kv.Value.Copy()), StringComparer.Ordinal),
        Checks = new(Checks.ToDictionary(kv => kv.Key, kv => kv.Value.Copy()), StringComparer.Ordinal),
        LogTargets = new(LogTargets.ToDictionary(kv => kv.Key, kv => kv.Value.Copy()), StringComparer.Ordinal),
    };
}

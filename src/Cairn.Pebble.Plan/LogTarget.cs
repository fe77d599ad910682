namespace Cairn.Pebble.Plan;

/// <summary>
/// A log target (<c>log-targets:</c>). Parsed, combined and validated so layers that declare one load, but
/// this Pebble does not forward logs yet (see docs/pebble.md).
/// </summary>
public sealed class LogTarget
{
    public required string Name { get; init; }
    public Override Override { get; set; }
    public string? Type { get; set; }
    public string? Location { get; set; }
    public List<string> Services { get; set; } = [];
    public SortedDictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A deep copy.</summary>
    public LogTarget Copy() => new()
    {
        Name = Name, Override = Override, Type = Type, Location = Location, Services = [.. Services],
        Labels = new(Labels, StringComparer.Ordinal),
    };

    /// <summary>Merges a newer definition onto this one (the earlier <see cref="Override"/> stays, as upstream's).</summary>
    public void Merge(LogTarget newer)
    {
        if (!string.IsNullOrEmpty(newer.Type)) Type = newer.Type;
        if (!string.IsNullOrEmpty(newer.Location)) Location = newer.Location;
        Services.AddRange(newer.Services);
        foreach (var (k, v) in newer.Labels) Labels[k] = v;
    }
}

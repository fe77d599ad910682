namespace Cairn.Build.Packing;

/// <summary>Which <see cref="RockLayer"/> a part's primed files go to.</summary>
public static class LayerGroups
{
    public static RockLayer Of(string partName)
    {
        if (partName == Cairn.Build.PebblePart.Name) return RockLayer.Rock;
        var slash = partName.LastIndexOf('/');
        if (slash < 0) return RockLayer.Packages; // the user's own parts
        return partName[(slash + 1)..] switch
        {
            "install-app" => RockLayer.App,
            "statsd-exporter" or "config-files" or "logging" => RockLayer.Rock,
            _ => RockLayer.Packages,
        };
    }

    /// <summary>The history comment of each layer.</summary>
    public static string Comment(RockLayer layer) => layer switch
    {
        RockLayer.Packages => "packages and Python environment",
        RockLayer.App => "application",
        _ => "pebble, statsd_exporter, configuration, users, Pebble layer, rock metadata",
    };
}

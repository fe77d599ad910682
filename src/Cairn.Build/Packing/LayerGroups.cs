using Cairn.Project.Extensions;
using Cairn.Project.Model;

namespace Cairn.Build.Packing;

/// <summary>Which <see cref="RockLayer"/> a part's primed files go to, and how the image history names each layer.</summary>
public static class LayerGroups
{
    /// <summary>pebble goes with the rock's own files; an extension's part where the extension says; a user's own part with the packages.</summary>
    public static RockLayer Of(string partName) =>
        partName == PebblePart.Name ? RockLayer.Rock : ExtensionRegistry.Owning(partName)?.LayerOf(partName) ?? RockLayer.Packages;

    /// <summary>The history comment of each layer.</summary>
    public static string Comment(RockLayer layer) => layer switch
    {
        RockLayer.Packages => "packages and Python environment",
        RockLayer.App => "application",
        _ => "pebble, statsd_exporter, configuration, users, Pebble layer, rock metadata",
    };
}

namespace Cairn.Parts.Plugins;

/// <summary>Checks shared by plugins on a part's plugin properties.</summary>
public static class PluginProperties
{
    /// <summary>Rejects any property not in <paramref name="known"/>.</summary>
    public static void RejectUnknown(PluginContext context, string plugin, params string[] known)
    {
        foreach (var (key, _) in context.Part.PluginProperties)
            if (!known.Contains(key))
                throw PartsErrors.InvalidPluginProperty(context.Part.Name, plugin,
                    known.Length == 0 ? $"the plugin takes no property '{key}'" : $"unknown property '{key}' (the plugin knows {string.Join(", ", known)})");
    }
}

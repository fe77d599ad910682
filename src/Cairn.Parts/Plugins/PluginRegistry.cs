namespace Cairn.Parts.Plugins;

/// <summary>The plugins a lifecycle can use, by name.</summary>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, IPlugin> plugins = new(StringComparer.Ordinal);

    /// <summary>A registry holding <paramref name="plugins"/>.</summary>
    public PluginRegistry(IEnumerable<IPlugin> plugins)
    {
        foreach (var plugin in plugins) this.plugins[plugin.Name] = plugin;
    }

    /// <summary>nil, dump and python.</summary>
    public static PluginRegistry Default { get; } = new([new NilPlugin(), new DumpPlugin(), new PythonPlugin()]);

    /// <summary>The names, sorted.</summary>
    public IEnumerable<string> Names => plugins.Keys.Order(StringComparer.Ordinal);

    /// <summary>A registry with <paramref name="plugin"/> added (or replacing one of the same name).</summary>
    public PluginRegistry With(IPlugin plugin) => new(plugins.Values.Where(p => p.Name != plugin.Name).Append(plugin));

    /// <summary>Finds a plugin by name.</summary>
    public bool TryGet(string name, out IPlugin plugin) => plugins.TryGetValue(name, out plugin!);
}

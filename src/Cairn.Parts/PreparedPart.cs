using Cairn.Parts.Plugins;

namespace Cairn.Parts;

/// <summary>A part with what the lifecycle worked out for it once: its plugin, the plugin's context, and its source.</summary>
internal sealed class PreparedPart(Part part, IPlugin plugin, PluginContext context)
{
    private PartSource? source;
    private bool sourceResolved;

    public Part Part => part;

    public string Name => part.Name;

    public IPlugin Plugin => plugin;

    public PluginContext Context => context;

    public PartDirectories Directories => context.Directories;

    /// <summary>The resolved source, or null for none; resolved on first use (its errors come when a step needs it).</summary>
    public PartSource? Source
    {
        get
        {
            if (!sourceResolved)
            {
                source = PartSource.Resolve(part, context.Options);
                sourceResolved = true;
            }

            return source;
        }
    }
}

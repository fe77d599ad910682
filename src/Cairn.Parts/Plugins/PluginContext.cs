namespace Cairn.Parts.Plugins;

/// <summary>What a plugin may look at: the part, its directories, and the project's bases and architectures.</summary>
public sealed record PluginContext(Part Part, PartDirectories Directories, LifecycleOptions Options)
{
    /// <summary>The value of a <c>build-environment</c> entry (the last one wins), or null.</summary>
    public string? GetBuildEnvironment(string key) =>
        Part.BuildEnvironment.LastOrDefault(e => e.Key == key) is { Key: not null } e ? e.Value : null;
}

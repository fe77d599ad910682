namespace Cairn.Parts.Plugins;

/// <summary><c>nil</c>: no commands; stage-packages and scriptlets still do their work.</summary>
public sealed class NilPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "nil";

    /// <inheritdoc/>
    public bool RequiresSource => false;

    /// <inheritdoc/>
    public void Validate(PluginContext context) => PluginProperties.RejectUnknown(context, Name);

    /// <inheritdoc/>
    public IReadOnlyList<string> GetBuildPackages(PluginContext context) => [];

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> GetBuildEnvironment(PluginContext context) => [];

    /// <inheritdoc/>
    public IReadOnlyList<string> GetPullCommands(PluginContext context) => [];

    /// <inheritdoc/>
    public IReadOnlyList<string> GetBuildCommands(PluginContext context) => [];

    /// <inheritdoc/>
    public Func<string, bool>? GetSourceFilter(PluginContext context, string sourceDirectory) => null;

    /// <inheritdoc/>
    public void AfterPrime(PluginContext context, IReadOnlyCollection<string> primedPaths)
    {
    }
}

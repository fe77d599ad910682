namespace Cairn.Parts.Plugins;

/// <summary><c>dump</c>: the whole build tree into the install directory, links kept, files hard-linked.</summary>
public sealed class DumpPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "dump";

    /// <inheritdoc/>
    public bool RequiresSource => true;

    /// <inheritdoc/>
    public void Validate(PluginContext context) => PluginProperties.RejectUnknown(context, Name);

    /// <inheritdoc/>
    public IReadOnlyList<string> GetBuildPackages(PluginContext context) => [];

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> GetBuildEnvironment(PluginContext context) => [];

    /// <inheritdoc/>
    public IReadOnlyList<string> GetPullCommands(PluginContext context) => [];

    /// <inheritdoc/>
    public IReadOnlyList<string> GetBuildCommands(PluginContext context) =>
        [$"cp --archive --link --no-dereference . {ShellWords.Quote(context.Directories.Install)}"];

    /// <inheritdoc/>
    public Func<string, bool>? GetSourceFilter(PluginContext context, string sourceDirectory) => null;

    /// <inheritdoc/>
    public void AfterPrime(PluginContext context, IReadOnlyCollection<string> primedPaths)
    {
    }
}

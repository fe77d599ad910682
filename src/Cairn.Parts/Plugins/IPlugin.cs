namespace Cairn.Parts.Plugins;

/// <summary>
/// A plugin turns a part into shell commands for the build environment, as craft-parts plugins do. The engine
/// writes them into the step's script after the part's environment, and runs them with bash; so a plugin never
/// starts processes itself, and a new one (go, npm, uv) is one class registered in a <see cref="PluginRegistry"/>.
/// </summary>
public interface IPlugin
{
    /// <summary>The name parts use in <c>plugin:</c>.</summary>
    string Name { get; }

    /// <summary>Whether a part with this plugin must have a <c>source</c>.</summary>
    bool RequiresSource { get; }

    /// <summary>Checks the part's plugin properties; throws <see cref="PartsErrors.InvalidPluginProperty"/> on unknown keys or bad values.</summary>
    void Validate(PluginContext context);

    /// <summary>Packages the build environment needs for this plugin (e.g. <c>python3-venv</c>).</summary>
    IReadOnlyList<string> GetBuildPackages(PluginContext context);

    /// <summary>Variables exported before the part's <c>build-environment</c> (which may override them).</summary>
    IReadOnlyList<KeyValuePair<string, string>> GetBuildEnvironment(PluginContext context);

    /// <summary>Commands run at the end of pull, in the source directory.</summary>
    IReadOnlyList<string> GetPullCommands(PluginContext context);

    /// <summary>Commands run at build, in <c>CRAFT_PART_BUILD_WORK</c>.</summary>
    IReadOnlyList<string> GetBuildCommands(PluginContext context);

    /// <summary>
    /// Which source paths (relative to the source root) the build reads, or null for all. The engine fingerprints
    /// only these, so editing a file the plugin ignores (app.py, for a python part that installs requirements)
    /// does not redo the part. <paramref name="sourceDirectory"/> is the unpulled source, for looking around.
    /// </summary>
    Func<string, bool>? GetSourceFilter(PluginContext context, string sourceDirectory);

    /// <summary>Fix-ups after the part is primed (upstream's post-prime hook); may delete primed paths.</summary>
    void AfterPrime(PluginContext context, IReadOnlyCollection<string> primedPaths);
}

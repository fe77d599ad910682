namespace Cairn.Parts;

/// <summary>
/// One part as the lifecycle engine takes it (craft-parts' Part): plain data, already expanded (extensions applied,
/// variables substituted, grammar resolved). The project model's own part (rockcraft.yaml's, with its positions) is
/// mapped onto this by Cairn.Build, so the engine knows nothing of rockcraft.yaml. Lists keep the project's order.
/// </summary>
public sealed record Part
{
    /// <summary>The part's name, e.g. <c>flask-framework/dependencies</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The plugin's name (<c>nil</c>, <c>dump</c>, <c>python</c>, ...).</summary>
    public required string Plugin { get; init; }

    /// <summary>A local path (relative to the project directory, or absolute) or an archive; null for none.</summary>
    public string? Source { get; init; }

    /// <summary><c>local</c> or <c>tar</c>; null to detect from <see cref="Source"/>.</summary>
    public string? SourceType { get; init; }

    /// <summary>A directory inside the source that the plugin builds in.</summary>
    public string? SourceSubdir { get; init; }

    /// <summary>Parts that must be staged before this part builds.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>Debian packages (or chisel slice names) unpacked into the install directory.</summary>
    public IReadOnlyList<string> StagePackages { get; init; } = [];

    /// <summary>Packages the build environment needs; see <see cref="Lifecycle.BuildPackages"/>.</summary>
    public IReadOnlyList<string> BuildPackages { get; init; } = [];

    /// <summary>The stage fileset; empty means everything.</summary>
    public IReadOnlyList<string> Stage { get; init; } = [];

    /// <summary>The prime fileset; empty means everything the part staged.</summary>
    public IReadOnlyList<string> Prime { get; init; } = [];

    /// <summary>Source → destination pairs inside the install directory, applied at the end of build.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Organize { get; init; } = [];

    /// <summary>Owner, group and mode for primed paths, recorded for the pack plan.</summary>
    public IReadOnlyList<PermissionRule> Permissions { get; init; } = [];

    /// <summary><c>override-pull</c>, <c>override-build</c>, ...: bash scriptlets replacing a step's built-in action.</summary>
    public IReadOnlyDictionary<Step, string> Overrides { get; init; } = new Dictionary<Step, string>();

    /// <summary>The <c>build-environment</c> entries, exported last (later entries may use earlier ones).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildEnvironment { get; init; } = [];

    /// <summary>
    /// The plugin's own keys (<c>python-packages</c>, ...) in project order. A scalar value is a list of one;
    /// each plugin checks the keys it knows and rejects the others.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> PluginProperties { get; init; } = [];

    /// <summary>The values of a plugin property, or null when the part does not set it.</summary>
    public IReadOnlyList<string>? GetPluginProperty(string key)
    {
        foreach (var (k, v) in PluginProperties)
            if (k == key) return v;
        return null;
    }

    /// <summary>The override scriptlet for <paramref name="step"/>, or null.</summary>
    public string? GetOverride(Step step) => Overrides.TryGetValue(step, out var script) ? script : null;
}

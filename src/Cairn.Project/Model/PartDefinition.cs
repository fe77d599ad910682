namespace Cairn.Project.Model;

/// <summary>
/// One part of <c>parts</c>, typed (craft-parts' part keys). Lists are empty and scalars null when not set.
/// Plugin-specific keys (for example <c>python-requirements</c>) are in <see cref="PluginProperties"/>, in the
/// order written, as strings or string lists.
/// </summary>
public sealed record PartDefinition
{
    /// <summary>The part's name (the key under <c>parts</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The plugin (<c>nil</c>, <c>dump</c>, <c>python</c>, ...); null when not set.</summary>
    public string? Plugin { get; init; }

    /// <summary>The source: a local path, URL, or a cairn placeholder such as <c>$CAIRN_PAYLOAD/statsd_exporter</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The source type (<c>local</c>, <c>git</c>, <c>tar</c>, <c>file</c>, ...), or null for auto-detection.</summary>
    public string? SourceType { get; init; }

    /// <summary>Other <c>source-*</c> keys (tag, branch, commit, depth, subdir, submodules, checksum), by key.</summary>
    public IReadOnlyDictionary<string, string> SourceOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Parts whose stage step must finish before this part builds.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>Debian packages or chisel slices unpacked into the part's install directory.</summary>
    public IReadOnlyList<string> StagePackages { get; init; } = [];

    /// <summary>Packages installed in the build environment.</summary>
    public IReadOnlyList<string> BuildPackages { get; init; } = [];

    /// <summary>Snaps unpacked into the install directory.</summary>
    public IReadOnlyList<string> StageSnaps { get; init; } = [];

    /// <summary>Snaps installed in the build environment.</summary>
    public IReadOnlyList<string> BuildSnaps { get; init; } = [];

    /// <summary>Variables exported last in the build script, in order.</summary>
    public IReadOnlyList<EnvironmentVariable> BuildEnvironment { get; init; } = [];

    /// <summary><c>enable-usrmerge</c> / <c>disable-usrmerge</c>.</summary>
    public IReadOnlyList<string> BuildAttributes { get; init; } = [];

    /// <summary>The stage fileset; empty means everything.</summary>
    public IReadOnlyList<string> Stage { get; init; } = [];

    /// <summary>The prime fileset; empty means everything.</summary>
    public IReadOnlyList<string> Prime { get; init; } = [];

    /// <summary>Renames inside the install directory at the end of build, source to destination, in order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Organize { get; init; } = [];

    /// <summary>Ownership and modes applied when priming.</summary>
    public IReadOnlyList<Permission> Permissions { get; init; } = [];

    /// <summary>Scriptlet replacing the pull step, or null.</summary>
    public string? OverridePull { get; init; }

    /// <summary>Scriptlet replacing the build step, or null.</summary>
    public string? OverrideBuild { get; init; }

    /// <summary>Scriptlet replacing the stage step, or null.</summary>
    public string? OverrideStage { get; init; }

    /// <summary>Scriptlet replacing the prime step, or null.</summary>
    public string? OverridePrime { get; init; }

    /// <summary>Overlay keys (<c>overlay-packages</c>, <c>overlay-script</c>, <c>override-overlay</c>, <c>overlay</c>): accepted, not supported by cairn's builds yet.</summary>
    public IReadOnlyList<string> OverlayPackages { get; init; } = [];

    /// <summary>Build without parallel jobs.</summary>
    public bool DisableParallel { get; init; }

    /// <summary>Plugin-specific keys in the order written: each a <see cref="string"/> or an <see cref="IReadOnlyList{T}"/> of strings.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> PluginProperties { get; init; } = [];

    /// <summary>A plugin-specific list (for example <c>python-requirements</c>), or null when not set.</summary>
    public IReadOnlyList<string>? GetPluginList(string key) =>
        PluginProperties.FirstOrDefault(p => p.Key == key).Value switch
        {
            IReadOnlyList<string> l => l,
            string s => [s],
            _ => null,
        };
}

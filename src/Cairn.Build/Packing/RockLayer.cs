namespace Cairn.Build.Packing;

/// <summary>
/// The rock's own layers, in image order, grouped by how often their files change, so that an app edit
/// moves one small layer and leaves the venv's layer (and its digest) alone.
/// </summary>
public enum RockLayer
{
    /// <summary>Packages, the venv, and any part not named below.</summary>
    Packages = 0,

    /// <summary>The application's files (<c>*/install-app</c>).</summary>
    App = 1,

    /// <summary>pebble, the exporter, the extension's config files and directories, users, the Pebble layer, metadata.</summary>
    Rock = 2,
}

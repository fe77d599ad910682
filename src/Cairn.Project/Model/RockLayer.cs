namespace Cairn.Project.Model;

/// <summary>
/// The rock's own layers, in image order, grouped by how often their files change, so that an app edit
/// moves one small layer and leaves the venv's layer (and its digest) alone. An extension says which layer each
/// of its parts goes in (<see cref="Extensions.IProjectExtension.LayerOf"/>); a user's own parts go in Packages.
/// </summary>
public enum RockLayer
{
    /// <summary>Packages, the venv, and any part not named below.</summary>
    Packages = 0,

    /// <summary>The application's files.</summary>
    App = 1,

    /// <summary>pebble, the exporter, an extension's config files and directories, users, the Pebble layer, metadata.</summary>
    Rock = 2,
}

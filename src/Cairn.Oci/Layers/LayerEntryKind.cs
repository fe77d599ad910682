using System.Text.Json.Serialization;

namespace Cairn.Oci.Layers;

/// <summary>What a layer entry is; the kinds a container image needs (no devices, no fifos).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LayerEntryKind>))]
public enum LayerEntryKind
{
    /// <summary>A regular file with content.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link; its target is stored as given.</summary>
    Symlink,

    /// <summary>A hard link to another regular file of the same layer.</summary>
    Hardlink,
}

using Cairn.Oci.Layers;
using Cairn.Sandbox.Bases;

namespace Cairn.Build.Packing;

/// <summary>
/// <c>bare</c> as cairn packs it: empty but for a merged /usr, the links <c>bin -> usr/bin</c>, <c>lib -> usr/lib</c>,
/// ... and their target directories (docs/decisions.md). The rock's own entries are planned on top of it as on an
/// Ubuntu base, so a venv's <c>bin/gunicorn</c> lands in <c>usr/bin</c> beside the staged interpreter.
/// </summary>
public static class BareBase
{
    /// <summary>The entries of the base, written into the rock's first layer.</summary>
    public static IReadOnlyList<LayerEntry> Entries { get; } =
    [
        LayerEntry.Directory("usr"),
        .. MergedUsr.Directories.Select(d => LayerEntry.Directory(MergedUsr.TargetOf(d))),
        .. MergedUsr.Directories.Select(d => LayerEntry.Symlink(d, MergedUsr.TargetOf(d))),
    ];

    /// <summary>The index the pack plan re-roots and compares against.</summary>
    public static TarIndex Index { get; } = TarIndex.FromEntries(Entries);
}

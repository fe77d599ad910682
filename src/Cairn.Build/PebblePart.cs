using Cairn.Bases;
using Cairn.Parts;

namespace Cairn.Build;

/// <summary>
/// The part every rock gets: our pebble from cairn's payload (upstream stages the pebble snap). It lands in
/// <c>/bin</c> or <c>/usr/bin</c> as the bases table says (<see cref="BaseName.PebblePath"/>).
/// Pebble's own directories (<c>/var/lib/pebble/default</c>) are written by pack, not by this part.
/// </summary>
public static class PebblePart
{
    public const string Name = "pebble";

    /// <summary>Where pebble is in the image for <paramref name="buildBase"/>, without the leading '/'.</summary>
    public static string BinaryPath(BaseName buildBase) =>
        buildBase.PebblePath ?? throw new ArgumentException($"'{buildBase}' is not a build base", nameof(buildBase));

    /// <summary>The OCI entrypoint of a rock built on <paramref name="buildBase"/>.</summary>
    public static IReadOnlyList<string> Entrypoint(BaseName buildBase) => ["/" + BinaryPath(buildBase), "enter"];

    /// <param name="sourceDirectory">A directory holding the binary as <c>pebble</c>.</param>
    public static Part For(BaseName buildBase, string sourceDirectory)
    {
        var path = BinaryPath(buildBase);
        return new Part
        {
            Name = Name,
            Plugin = "dump",
            Source = sourceDirectory,
            SourceType = "local",
            Organize = [new("pebble", path)],
            Stage = [path],
        };
    }
}

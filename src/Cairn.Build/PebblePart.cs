using Cairn.Parts;

namespace Cairn.Build;

/// <summary>
/// The part every rock gets: our pebble from cairn's payload (upstream stages the pebble snap). It lands in
/// <c>/bin</c> on 20.04/22.04 build bases and in <c>/usr/bin</c> on newer ones, as the entrypoint expects.
/// Pebble's own directories (<c>/var/lib/pebble/default</c>) are written by pack, not by this part.
/// </summary>
public static class PebblePart
{
    public const string Name = "pebble";

    /// <summary>Where pebble is in the image for <paramref name="buildBase"/>, without the leading '/'.</summary>
    public static string BinaryPath(string buildBase) =>
        buildBase is "ubuntu@20.04" or "ubuntu@22.04" ? "bin/pebble" : "usr/bin/pebble";

    /// <summary>The OCI entrypoint of a rock built on <paramref name="buildBase"/>.</summary>
    public static IReadOnlyList<string> Entrypoint(string buildBase) => ["/" + BinaryPath(buildBase), "enter"];

    /// <param name="sourceDirectory">A directory holding the binary as <c>pebble</c>.</param>
    public static PartDefinition For(string buildBase, string sourceDirectory)
    {
        var path = BinaryPath(buildBase);
        return new PartDefinition
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

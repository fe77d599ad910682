using Cairn.Oci.Layers;
using Cairn.Sandbox;

namespace Cairn.Build.Packing;

/// <summary>
/// The records scanners read to see a rock's staged packages: one control paragraph per package in
/// <c>/var/lib/dpkg/status.d/&lt;package&gt;</c>, as distroless images have them. dpkg itself reads only its status
/// file, so on an Ubuntu base these add to what the base's database says without changing what apt sees.
/// </summary>
public static class PackageRecords
{
    public const string Directory = "var/lib/dpkg/status.d";

    public static IEnumerable<LayerEntry> Entries(IReadOnlyList<StagedPackage> staged)
    {
        if (staged.Count == 0) yield break;
        yield return LayerEntry.Directory("var/lib/dpkg");
        yield return LayerEntry.Directory(Directory);
        foreach (var package in staged.DistinctBy(p => p.Name).OrderBy(p => p.Name, StringComparer.Ordinal))
            yield return LayerEntry.File($"{Directory}/{package.Name}", LayerContent.FromText(ControlOf(package)));
    }

    /// <summary>The package's control paragraph; a record from before cairn kept it gives the three fields apt resolved.</summary>
    public static string ControlOf(StagedPackage package) =>
        package.Control ?? $"Package: {package.Name}\nVersion: {package.Version}\nArchitecture: {package.Architecture}\n";
}

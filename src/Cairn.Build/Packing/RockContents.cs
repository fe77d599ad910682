using Cairn.Parts;
using Cairn.Sandbox;
using Cairn.Sandbox.Packages;

namespace Cairn.Build.Packing;

/// <summary>
/// What the bill of materials lists: the Debian packages in the rock (the base's, then those stage-packages put
/// on top, which win) and the Python distributions in its venv, each sorted. <see cref="Staged"/> are the ones the
/// rock's own package records describe (<see cref="PackageRecords"/>); the base's are in its dpkg status file.
/// </summary>
public sealed record RockContents(IReadOnlyList<StagedPackage> Debian, IReadOnlyList<StagedPackage> Staged, IReadOnlyList<PythonDistribution> Python)
{
    /// <summary>The base's status file, relative to its root.</summary>
    public const string StatusPath = "var/lib/dpkg/status";

    /// <summary>
    /// From what the lifecycle recorded: the packages of every part that primed something (a part whose prime
    /// filter left nothing adds nothing to the rock), the base's installed packages (none on bare), and the
    /// distributions under prime.
    /// </summary>
    public static RockContents Of(LifecycleResult result, string? baseRoot)
    {
        var staged = result.StagedPackages
            .Where(p => result.PrimedPaths.TryGetValue(p.Key, out var primed) && primed.Count > 0)
            .SelectMany(p => p.Value)
            .GroupBy(p => (p.Name, p.Version, p.Architecture))
            // The same package staged by two parts is one package; it stands for the slices either asked for.
            .Select(g => g.First() with { Slices = [.. g.SelectMany(p => p.Slices).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] })
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal)
            .ToArray();
        var fromBase = baseRoot is null ? [] : Installed(baseRoot);
        var names = staged.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var debian = fromBase.Where(p => !names.Contains(p.Name)).Concat(staged)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal).ToArray();
        return new RockContents(debian, staged, PythonDistribution.Under(result.PrimeDirectory));
    }

    /// <summary>The packages a root filesystem's dpkg status file says are installed, with their licences.</summary>
    public static IReadOnlyList<StagedPackage> Installed(string root)
    {
        var status = Path.Combine(root, StatusPath);
        if (!File.Exists(status)) return [];
        return [.. DebianControl.ParseAll(File.ReadAllText(status))
            .Where(p => p["Status"]?.EndsWith(" installed", StringComparison.Ordinal) == true
                && p["Package"] is not null && p["Version"] is not null && p["Architecture"] is not null)
            .Select(p => new StagedPackage(p["Package"]!, p["Version"]!, p["Architecture"]!)
            {
                Control = p.Render(),
                License = DebianCopyright.LicenseUnder(root, p["Package"]!),
            })];
    }
}

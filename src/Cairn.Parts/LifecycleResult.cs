using Cairn.Sandbox;

namespace Cairn.Parts;

/// <summary>
/// The outcome of a lifecycle run, complete even when no step ran (it is read back from the state files):
/// what ran, and what the pack plan needs about <c>prime/</c>.
/// </summary>
public sealed record LifecycleResult
{
    /// <summary>Each step the run considered, in order, and whether it ran or was up to date.</summary>
    public required IReadOnlyList<StepOutcome> Steps { get; init; }

    /// <summary>Permissions of primed paths (relative to prime), later parts winning, sorted by path.</summary>
    public required IReadOnlyList<PathPermission> Permissions { get; init; }

    /// <summary>For each primed part, the paths it put in prime (files, links and directories), sorted.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> PrimedPaths { get; init; }

    /// <summary>Debian packages each part staged.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<StagedPackage>> StagedPackages { get; init; }

    /// <summary>Project variables set with <c>craftctl set</c> (version, summary, description).</summary>
    public required IReadOnlyDictionary<string, string> ProjectVariables { get; init; }

    /// <summary>The prime directory.</summary>
    public required string PrimeDirectory { get; init; }

    /// <summary>True when at least one step ran.</summary>
    public bool AnyStepRan => Steps.Any(s => s.Ran);
}

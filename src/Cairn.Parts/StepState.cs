using Cairn.Sandbox;

namespace Cairn.Parts;

/// <summary>
/// What a finished step leaves in <c>parts/&lt;part&gt;/state/&lt;step&gt;.json</c>. The file is written last and
/// atomically, and removed before the step starts again, so a step killed half-way has no state and runs again.
/// </summary>
public sealed record StepState
{
    /// <summary>Hash of the step's inputs when it ran.</summary>
    public required string Hash { get; init; }

    /// <summary>A hash of each input by label, so that a plan can say which changed (see <see cref="PlannedAction.ChangedInputs"/>).</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Stage and prime: the paths the part put there, sorted.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Prime: the permissions recorded for the part's primed paths.</summary>
    public IReadOnlyList<PathPermission> Permissions { get; init; } = [];

    /// <summary>Pull: the stage-packages as resolved.</summary>
    public IReadOnlyList<StagedPackage> Packages { get; init; } = [];

    /// <summary>Project variables the step set with craftctl.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}

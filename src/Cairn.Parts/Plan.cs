namespace Cairn.Parts;

/// <summary>
/// What a lifecycle run will do, decided before anything runs (craft-parts' sequencer output): every step it
/// considers, in the order the <see cref="Executor"/> takes them, each run, rerun or skipped. It is a value: a dry
/// run prints it, a real run executes it.
/// </summary>
/// <param name="Target">The last step asked for.</param>
/// <param name="Parts">The parts asked for, in run order (their <c>after</c> dependencies may add actions of other parts).</param>
public sealed record Plan(Step Target, IReadOnlyList<string> Parts, IReadOnlyList<PlannedAction> Actions)
{
    /// <summary>Whether any step runs.</summary>
    public bool AnyRuns => Actions.Any(a => a.Runs);
}

namespace Cairn.Parts;

/// <summary>
/// One step of one part in a <see cref="Plan"/>: whether it runs, and why.
/// </summary>
/// <param name="Reason">Why it runs (<c>not done yet</c>, <c>its inputs changed</c>, <c>its outputs are missing</c>) or <c>up to date</c>.</param>
/// <param name="Hash">The hash of the step's inputs, which its state records when it has run.</param>
public sealed record PlannedAction(string Part, Step Step, ActionKind Kind, string Reason, string Hash)
{
    /// <summary>Whether the step runs.</summary>
    public bool Runs => Kind != ActionKind.Skip;

    /// <summary>One line for a dry run: <c>build PART (why)</c>, or <c>skip build PART (up to date)</c>.</summary>
    public string Describe() => Runs ? $"{Step.Name()} {Part} ({Reason})" : $"skip {Step.Name()} {Part} ({Reason})";
}

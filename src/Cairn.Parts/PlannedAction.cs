namespace Cairn.Parts;

/// <summary>
/// One step of one part in a <see cref="Plan"/>: whether it runs, and why.
/// </summary>
/// <param name="Reason">Why it runs (<c>not done yet</c>, <c>its inputs changed</c>, <c>its outputs are missing</c>) or <c>up to date</c>.</param>
/// <param name="Hash">The hash of the step's inputs, which its state records when it has run.</param>
public sealed record PlannedAction(string Part, Step Step, ActionKind Kind, string Reason, string Hash)
{
    /// <summary>A hash of each of the step's inputs by label, which its state records beside <see cref="Hash"/>.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// When the step reruns because its inputs changed: which ones (<c>source files</c>, <c>build-environment</c>, ...);
    /// empty when the state does not say (an older cairn wrote it).
    /// </summary>
    public IReadOnlyList<string> ChangedInputs { get; init; } = [];

    /// <summary>Whether the step runs.</summary>
    public bool Runs => Kind != ActionKind.Skip;

    /// <summary>
    /// One line for a dry run: <c>build PART (why)</c>, <c>build PART (its inputs changed: what)</c>, or
    /// <c>skip build PART (up to date)</c>.
    /// </summary>
    public string Describe()
    {
        var why = ChangedInputs.Count == 0 ? Reason : $"{Reason}: {string.Join(", ", ChangedInputs)}";
        return Runs ? $"{Step.Name()} {Part} ({why})" : $"skip {Step.Name()} {Part} ({why})";
    }
}

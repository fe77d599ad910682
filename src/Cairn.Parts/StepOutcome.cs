namespace Cairn.Parts;

/// <summary>What happened to one step of one part in a run.</summary>
public sealed record StepOutcome(string Part, Step Step, bool Ran);

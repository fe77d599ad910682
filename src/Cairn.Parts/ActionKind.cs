namespace Cairn.Parts;

/// <summary>What a <see cref="PlannedAction"/> does with its step (craft-parts' action types, those cairn needs).</summary>
public enum ActionKind
{
    /// <summary>The step has not finished since it last started (or ever): it runs.</summary>
    Run,

    /// <summary>The step finished before, but its inputs changed or its outputs are gone: it runs again.</summary>
    Rerun,

    /// <summary>The step finished with the same inputs and its outputs are there: it does not run.</summary>
    Skip,
}

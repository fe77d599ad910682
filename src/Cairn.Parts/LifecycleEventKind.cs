namespace Cairn.Parts;

/// <summary>What a <see cref="LifecycleEvent"/> reports.</summary>
public enum LifecycleEventKind
{
    /// <summary>A step starts running.</summary>
    Started,

    /// <summary>A step's inputs are unchanged since it last ran, so it does not run.</summary>
    Skipped,

    /// <summary>A step finished successfully.</summary>
    Finished,

    /// <summary>One line of a step's output.</summary>
    Output,
}

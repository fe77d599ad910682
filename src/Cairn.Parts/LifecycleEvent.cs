namespace Cairn.Parts;

/// <summary>Progress of a lifecycle run, for the CLI to render.</summary>
/// <param name="Text">The output line (<see cref="LifecycleEventKind.Output"/>) or why a step runs or is skipped.</param>
public sealed record LifecycleEvent(string Part, Step Step, LifecycleEventKind Kind, string? Text = null);

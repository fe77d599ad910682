namespace Cairn.Parts;

/// <summary>How a <see cref="Step"/> is written in file names, commands and messages: <c>pull</c>, <c>build</c>, <c>stage</c>, <c>prime</c>.</summary>
public static class StepNames
{
    /// <summary>The step's lower-case name.</summary>
    public static string Name(this Step step) => step.ToString().ToLowerInvariant();
}

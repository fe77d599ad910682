namespace Cairn.Parts;

/// <summary>
/// When a run opens an interactive shell in the build environment (<c>--shell</c>, <c>--shell-after</c>, <c>--debug</c>).
/// <see cref="OnFailure"/> combines with either of the others, as <c>--debug</c> does with <c>--shell-after</c>.
/// </summary>
[Flags]
public enum ShellMode
{
    /// <summary>Never.</summary>
    None = 0,

    /// <summary>Instead of the target step: earlier steps run, then the shell opens (<c>--shell</c>).</summary>
    InsteadOfStep = 1,

    /// <summary>After the target step (<c>--shell-after</c>).</summary>
    AfterStep = 2,

    /// <summary>When a step fails, before the error is reported (<c>--debug</c>).</summary>
    OnFailure = 4,
}

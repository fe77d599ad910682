namespace Cairn.Parts;

/// <summary>When a run opens an interactive shell in the build environment (<c>--shell</c>, <c>--shell-after</c>, <c>--debug</c>).</summary>
public enum ShellMode
{
    /// <summary>Never.</summary>
    None,

    /// <summary>Instead of the target step: earlier steps run, then the shell opens (<c>--shell</c>).</summary>
    InsteadOfStep,

    /// <summary>After the target step (<c>--shell-after</c>).</summary>
    AfterStep,

    /// <summary>When a step fails, before the error is reported (<c>--debug</c>).</summary>
    OnFailure,
}

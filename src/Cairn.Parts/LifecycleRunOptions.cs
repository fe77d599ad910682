namespace Cairn.Parts;

/// <summary>One lifecycle run: how far, for which parts, and how to report.</summary>
public sealed record LifecycleRunOptions
{
    /// <summary>The last step to run; earlier steps run first.</summary>
    public Step Target { get; init; } = Step.Prime;

    /// <summary>The parts to run (their <c>after</c> dependencies are staged as needed); empty for all.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>Receives progress and output lines; may be null.</summary>
    public IProgress<LifecycleEvent>? Progress { get; init; }

    /// <summary>Whether and when to call <see cref="OpenShell"/>.</summary>
    public ShellMode Shell { get; init; } = ShellMode.None;

    /// <summary>Opens an interactive shell in the build environment; required unless <see cref="Shell"/> is None.</summary>
    public Func<ShellRequest, CancellationToken, Task>? OpenShell { get; init; }
}

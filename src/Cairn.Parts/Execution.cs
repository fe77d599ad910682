using Cairn.Sandbox;

namespace Cairn.Parts;

/// <summary>One run of a plan: its options, the environment it runs in, what it has done and the variables set so far.</summary>
internal sealed class Execution(LifecycleRunOptions run, IBuildEnvironment environment, LifecycleOptions options)
{
    public LifecycleRunOptions Run => run;

    public IBuildEnvironment Environment => environment;

    /// <summary>Project variables set with <c>craftctl set</c> in this run; later steps see them.</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public List<StepOutcome> Outcomes { get; } = [];

    /// <summary><c>CRAFT_PROJECT_VERSION</c> for the next step: a version set in this run wins over the project's.</summary>
    public string? ProjectVersion => Variables.GetValueOrDefault("version") ?? options.ProjectVersion;

    public void Report(string part, Step step, LifecycleEventKind kind, string? text = null) =>
        run.Progress?.Report(new LifecycleEvent(part, step, kind, text));
}

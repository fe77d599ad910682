using Cairn.Diagnostics.Reporting;
using Cairn.Parts;

namespace Cairn.Build;

/// <summary>
/// Tells the reporter what the lifecycle does, at once and in order (<see cref="Progress{T}"/> would post each event
/// to the thread pool, so lines could come out of order or after the command has finished). A pull or build that runs
/// is an activity of its own ("Building X", then "Built X (6.2 s)"); the stage and prime steps of consecutive parts
/// are one ("Staged 8 parts (0.4 s)"): they only copy what was built, so a line each would say nothing new. The steps
/// that are up to date are one line at the end (<see cref="Finish"/>), so a pack with nothing to do says so briefly.
/// </summary>
public sealed class LifecycleProgress(IReporter reporter) : IProgress<LifecycleEvent>
{
    private readonly HashSet<string> _skippedParts = new(StringComparer.Ordinal);
    private readonly List<string> _grouped = [];
    private IActivity? _step;
    private IActivity? _group;
    private Step _groupStep;
    private int _skipped;

    public void Report(LifecycleEvent value)
    {
        switch (value.Kind)
        {
            case LifecycleEventKind.Started:
                reporter.Debug($"{value.Step.Name()} {value.Part}: runs ({value.Text})");
                if (_group is not null && _groupStep != value.Step) EndGroup();
                var grouped = value.Step is Step.Stage or Step.Prime;
                if (grouped && _group is null)
                {
                    _group = reporter.Begin($"{Doing(value.Step)} parts", done: null);
                    _groupStep = value.Step;
                }

                if (grouped) _grouped.Add(value.Part);
                _step = reporter.Begin($"{Doing(value.Step)} {value.Part}", grouped ? null : $"{Done(value.Step)} {value.Part}");
                break;
            case LifecycleEventKind.Output:
                reporter.Output(value.Text ?? "");
                _step?.Update(value.Text ?? "");
                break;
            case LifecycleEventKind.Finished:
                _step?.Complete();
                _step = null;
                break;
            case LifecycleEventKind.Skipped:
                reporter.Debug($"{value.Step.Name()} {value.Part}: skipped ({value.Text})");
                _skipped++;
                _skippedParts.Add(value.Part);
                break;
        }
    }

    /// <summary>Ends the last group of steps, and reports the steps that did not run because their inputs are unchanged, in one line.</summary>
    public void Finish()
    {
        EndGroup();
        if (_skipped == 0) return;
        var parts = _skippedParts.Count == 1 ? "1 part" : $"{_skippedParts.Count} parts";
        reporter.Message(_skipped == 1 ? $"Skipped 1 step of {parts}: up to date" : $"Skipped {_skipped} steps of {parts}: up to date");
        _skipped = 0;
        _skippedParts.Clear();
    }

    private void EndGroup()
    {
        if (_group is null) return;
        _group.Complete($"{Done(_groupStep)} {(_grouped.Count == 1 ? _grouped[0] : $"{_grouped.Count} parts")}");
        _group = null;
        _grouped.Clear();
    }

    // Rockcraft's words for a step under way and done.
    private static string Doing(Step step) => step switch
    {
        Step.Pull => "Pulling",
        Step.Build => "Building",
        Step.Stage => "Staging",
        _ => "Priming",
    };

    private static string Done(Step step) => step switch
    {
        Step.Pull => "Pulled",
        Step.Build => "Built",
        Step.Stage => "Staged",
        _ => "Primed",
    };
}

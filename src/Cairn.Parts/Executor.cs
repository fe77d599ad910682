using Cairn.Diagnostics;

namespace Cairn.Parts;

/// <summary>
/// Carries out a <see cref="Plan"/> in the build environment (craft-parts' executor): each action in order, the
/// skipped ones reported as up to date, the others run by the <see cref="PartHandler"/>; and opens the shells the
/// run asks for (before or after the target step, or where a step failed).
/// </summary>
internal sealed class Executor(IReadOnlyDictionary<string, PreparedPart> parts, PartHandler handler, StepScripts scripts)
{
    /// <summary>Runs <paramref name="plan"/>; what each action did is in <see cref="Execution.Outcomes"/>.</summary>
    public async Task RunAsync(Plan plan, Execution execution, CancellationToken cancellationToken)
    {
        foreach (var action in plan.Actions)
        {
            if (!action.Runs)
            {
                execution.Report(action.Part, action.Step, LifecycleEventKind.Skipped, action.Reason);
                execution.Outcomes.Add(new StepOutcome(action.Part, action.Step, false));
                continue;
            }

            execution.Report(action.Part, action.Step, LifecycleEventKind.Started, action.Reason);
            var part = parts[action.Part];
            try
            {
                await handler.RunStepAsync(part, action, execution, cancellationToken).ConfigureAwait(false);
            }
            catch (CairnException) when (execution.Run.Shell.HasFlag(ShellMode.OnFailure))
            {
                await OpenShellAsync(part, action.Step, execution, cancellationToken).ConfigureAwait(false);
                throw;
            }

            execution.Report(action.Part, action.Step, LifecycleEventKind.Finished);
            execution.Outcomes.Add(new StepOutcome(action.Part, action.Step, true));
        }

        if ((execution.Run.Shell & (ShellMode.InsteadOfStep | ShellMode.AfterStep)) != 0)
            await OpenShellAsync(parts[plan.Parts[^1]], plan.Target, execution, cancellationToken).ConfigureAwait(false);
    }

    private async Task OpenShellAsync(PreparedPart part, Step step, Execution execution, CancellationToken cancellationToken)
    {
        var dirs = part.Directories;
        var directory = step switch
        {
            Step.Pull => dirs.Src,
            Step.Build => dirs.BuildWork,
            Step.Stage => dirs.Stage,
            _ => dirs.Prime,
        };
        Directory.CreateDirectory(directory);
        var environmentScript = scripts.WriteEnvironment(part, step, execution.ProjectVersion);
        await execution.Run.OpenShell!(new ShellRequest(part.Name, step, directory, environmentScript), cancellationToken).ConfigureAwait(false);
    }
}

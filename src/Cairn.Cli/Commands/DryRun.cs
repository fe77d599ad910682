using Cairn.Build;
using Cairn.Parts;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>--dry-run</c> of pack and the lifecycle commands: the plan of the run they would make, one line per step on
/// stdout. The plan needs only the project, its sources and the recorded state, so no build environment is made
/// and no step runs; opening the project still records the build in the cache and copies cairn's own files into
/// it (<see cref="BuildSession.OpenAsync"/>), as every command that builds does.
/// </summary>
internal static class DryRun
{
    public static async Task<int> PrintPlanAsync(CliContext context, BuildHost host, BuildOptions options, LifecycleRunOptions run, CancellationToken cancellationToken)
    {
        using var session = await BuildSession.OpenAsync(host, options, cancellationToken);
        foreach (var action in session.Lifecycle.Plan(run).Actions)
            context.Out.WriteLine(action.Describe());
        return 0;
    }
}

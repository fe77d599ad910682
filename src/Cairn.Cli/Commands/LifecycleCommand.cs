using System.CommandLine;
using Cairn.Build;
using Cairn.Parts;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn pull|build|stage|prime [PART...]</c>: runs the parts lifecycle up to one step, for the named parts
/// (and what they need) or all; with <c>--dry-run</c>, prints the plan instead. One class for the four verbs: they
/// differ only in the step.
/// </summary>
public sealed class LifecycleCommand(Step step) : ICliCommand
{
    /// <inheritdoc/>
    public Command Build(CliContext context)
    {
        var verb = step.ToString().ToLowerInvariant();
        var parts = new Argument<string[]>("part") { Description = "Parts to run (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var directory = CommonOptions.ProjectDirectory();
        var destructive = CommonOptions.DestructiveMode();
        var mirror = CommonOptions.AptMirror();
        var shell = new Option<bool>("--shell") { Description = $"Run the steps before {verb}, then open a shell in the build environment instead of running {verb}" };
        var shellAfter = new Option<bool>("--shell-after") { Description = $"Open a shell in the build environment after the {verb} step" };
        var debug = CommonOptions.Debug();
        var dryRun = CommonOptions.DryRun();
        var command = new Command(verb, $"Run the parts lifecycle up to the {verb} step") { parts, directory, destructive, mirror, shell, shellAfter, debug, dryRun };
        command.Validators.Add(result =>
        {
            if (result.GetValue(shell) && result.GetValue(shellAfter))
                result.AddError("cannot use --shell with --shell-after: the shell opens either instead of the step or after it");
            if (result.GetValue(dryRun) && (result.GetValue(shell) || result.GetValue(shellAfter)))
                result.AddError("cannot use --dry-run with --shell or --shell-after: a dry run opens no shell");
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(directory);
            var host = BuildHost.FromVariables(context.Variables, context.Output.Reporter);
            var mode = (result.GetValue(shell) ? ShellMode.InsteadOfStep : ShellMode.None)
                | (result.GetValue(shellAfter) ? ShellMode.AfterStep : ShellMode.None)
                | (result.GetValue(debug) ? ShellMode.OnFailure : ShellMode.None);
            var options = new BuildOptions(context.Resolve(given)) { DestructiveMode = result.GetValue(destructive), Mirror = result.GetValue(mirror), Shell = mode };
            var run = new LifecycleRunOptions
            {
                Target = step,
                Parts = result.GetValue(parts) ?? [],
            };
            if (result.GetValue(dryRun))
                return await DryRun.PrintPlanAsync(context, host, options, run, cancellationToken);
            using var session = await BuildSession.OpenAsync(host, options, cancellationToken);
            var progress = new LifecycleProgress(host.Reporter);
            var outcome = await session.RunAsync(run with { Progress = progress }, cancellationToken);
            progress.Finish();
            if (step == Step.Prime && !mode.HasFlag(ShellMode.InsteadOfStep)) context.Out.WriteLine(outcome.PrimeDirectory);
            return 0;
        });
        return command;
    }
}

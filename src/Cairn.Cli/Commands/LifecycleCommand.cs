using System.CommandLine;
using Cairn.Build;
using Cairn.Parts;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn pull|build|stage|prime [PART...]</c>: runs the parts lifecycle up to one step, for the named parts
/// (and what they need) or all. One class for the four verbs: they differ only in the step.
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
        var command = new Command(verb, $"Run the parts lifecycle up to the {verb} step") { parts, directory, destructive, mirror, shell, shellAfter, debug };
        command.Validators.Add(result =>
        {
            if (result.GetValue(shell) && result.GetValue(shellAfter))
                result.AddError("cannot use --shell with --shell-after: the shell opens either instead of the step or after it");
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(directory);
            var host = BuildHost.FromEnvironment(line => context.Error.WriteLine(line), line => context.Error.WriteLine($"warning: {line}"));
            var mode = (result.GetValue(shell) ? ShellMode.InsteadOfStep : ShellMode.None)
                | (result.GetValue(shellAfter) ? ShellMode.AfterStep : ShellMode.None)
                | (result.GetValue(debug) ? ShellMode.OnFailure : ShellMode.None);
            var options = new BuildOptions(context.Resolve(given)) { DestructiveMode = result.GetValue(destructive), Mirror = result.GetValue(mirror), Shell = mode };
            using var session = await BuildSession.OpenAsync(host, options, cancellationToken);
            var run = new LifecycleRunOptions
            {
                Target = step,
                Parts = result.GetValue(parts) ?? [],
                Progress = new LifecycleProgress(context.Error.WriteLine),
            };
            var outcome = await session.RunAsync(run, cancellationToken);
            if (!outcome.AnyStepRan && (mode & (ShellMode.InsteadOfStep | ShellMode.AfterStep)) == 0)
                context.Error.WriteLine("nothing to do: every step is up to date");
            if (step == Step.Prime && !mode.HasFlag(ShellMode.InsteadOfStep)) context.Out.WriteLine(outcome.PrimeDirectory);
            return 0;
        });
        return command;
    }
}

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
        var command = new Command(verb, $"Run the parts lifecycle up to the {verb} step") { parts, directory, destructive, mirror };
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(directory);
            var host = BuildHost.FromEnvironment(line => context.Error.WriteLine(line), line => context.Error.WriteLine($"warning: {line}"));
            var options = new BuildOptions(context.Resolve(given)) { DestructiveMode = result.GetValue(destructive), Mirror = result.GetValue(mirror) };
            var session = BuildSession.Open(host, options);
            var run = new LifecycleRunOptions
            {
                Target = step,
                Parts = result.GetValue(parts) ?? [],
                Progress = new LifecycleProgress(context.Error.WriteLine),
            };
            var outcome = await session.RunAsync(run, cancellationToken);
            if (!outcome.AnyStepRan) context.Error.WriteLine("nothing to do: every step is up to date");
            if (step == Step.Prime) context.Out.WriteLine(outcome.PrimeDirectory);
            return 0;
        });
        return command;
    }
}

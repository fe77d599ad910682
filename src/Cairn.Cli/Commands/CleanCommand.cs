using System.CommandLine;
using Cairn.Build;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn clean [PART...]</c>: removes what the lifecycle made, for the named parts or the whole project.</summary>
public sealed class CleanCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build(CliContext context)
    {
        var parts = new Argument<string[]>("part") { Description = "Parts to clean (default: everything)", Arity = ArgumentArity.ZeroOrMore };
        var directory = CommonOptions.ProjectDirectory();
        var command = new Command("clean", "Remove the parts' build output (parts, stage, prime)") { parts, directory };
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(directory);
            var host = BuildHost.FromVariables(context.Variables, context.Output.Reporter);
            using var session = await BuildSession.OpenAsync(host, new BuildOptions(context.Resolve(given)), cancellationToken);
            session.Lifecycle.Clean(result.GetValue(parts) ?? []);
            return 0;
        });
        return command;
    }
}

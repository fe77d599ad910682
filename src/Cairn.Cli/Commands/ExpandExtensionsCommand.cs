using System.CommandLine;
using Cairn.Project;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn expand-extensions</c>: prints the validated project with its extensions applied.</summary>
public sealed class ExpandExtensionsCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build(CliContext context)
    {
        var directory = CommonOptions.ProjectDirectory();
        var command = new Command("expand-extensions", "Print the project with its extensions expanded, as YAML") { directory };
        command.SetAction(result =>
        {
            var given = result.GetValue(directory);
            var loaded = ProjectLoader.Load(context.Resolve(given), given);
            context.Out.Write(ProjectWriter.Write(loaded));
            return 0;
        });
        return command;
    }
}

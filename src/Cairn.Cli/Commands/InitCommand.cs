using System.CommandLine;
using Cairn.Project.Init;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn init [--name N] [--profile P]</c>: writes a starter rockcraft.yaml.</summary>
public sealed class InitCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build(CliContext context)
    {
        var name = new Option<string?>("--name") { Description = "The rock's name (default: the directory's name)", HelpName = "NAME" };
        var profile = new Option<string?>("--profile")
        {
            Description = $"The starting point: {string.Join(", ", ProjectInitializer.Profiles)} (default: {ProjectInitializer.DefaultProfile})",
            HelpName = "PROFILE",
        };
        var directory = CommonOptions.ProjectDirectory();
        var command = new Command("init", "Write a starter rockcraft.yaml (never overwrites a file)") { name, profile, directory };
        command.SetAction(result =>
        {
            var path = ProjectInitializer.Initialise(context.Resolve(result.GetValue(directory)), result.GetValue(name), result.GetValue(profile));
            context.Out.WriteLine($"Successfully initialised project: {Path.GetRelativePath(context.WorkingDirectory, path)}");
            if ((result.GetValue(profile) ?? ProjectInitializer.DefaultProfile) != "simple")
                context.Out.WriteLine("Run 'cairn expand-extensions' to see what the extension adds.");
            return 0;
        });
        return command;
    }
}

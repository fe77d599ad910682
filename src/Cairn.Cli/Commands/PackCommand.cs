using System.CommandLine;
using Cairn.Build;
using Cairn.Cli.Output;
using Cairn.Parts;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn pack</c>: runs the parts lifecycle and writes the rock; prints its path (with <c>--dry-run</c>, the lifecycle's plan).</summary>
public sealed class PackCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build(CliContext context)
    {
        var directory = CommonOptions.ProjectDirectory();
        var outputOption = new Option<string?>("--output", "-o") { Description = "Where to write the rock (default: the project directory)", HelpName = "DIR" };
        var format = new Option<string>("--format") { Description = "rock (an OCI archive) or oci-dir (an OCI layout directory)", DefaultValueFactory = _ => "rock" };
        format.AcceptOnlyFromAmong("rock", "oci-dir");
        var destructive = CommonOptions.DestructiveMode();
        var mirror = CommonOptions.AptMirror();
        var debug = CommonOptions.Debug();
        var dryRun = CommonOptions.DryRun();
        var command = new Command("pack", "Build the project's parts and write the rock") { directory, outputOption, format, destructive, mirror, debug, dryRun };
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(directory);
            var host = BuildHost.FromVariables(context.Variables, context.Output.Reporter);
            var options = new BuildOptions(context.Resolve(given))
            {
                DestructiveMode = result.GetValue(destructive),
                Mirror = result.GetValue(mirror),
                Shell = result.GetValue(debug) ? ShellMode.OnFailure : ShellMode.None,
            };
            if (result.GetValue(dryRun))
                return await DryRun.PrintPlanAsync(context, host, options, new LifecycleRunOptions { Target = Step.Prime }, cancellationToken);
            var outputDirectory = result.GetValue(outputOption) is { } o ? context.Resolve(o) : null;
            var packed = await new Packer(host).PackAsync(options, outputDirectory, result.GetValue(format) == "oci-dir" ? PackFormat.Layout : PackFormat.Archive, cancellationToken);
            foreach (var line in PackSummary.Lines(packed, PackSummary.SizeOf(packed.OutputPath), Shown, context.Clock.GetElapsedTime(context.Output.Started)))
                host.Reporter.Message(line);
            context.Out.WriteLine(packed.OutputPath);
            return 0;
        });
        return command;

        // The rock's path as the summary shows it: relative to where the user is, when it is there.
        string Shown(string path)
        {
            var relative = Path.GetRelativePath(context.WorkingDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        }
    }
}

using System.CommandLine;
using Cairn.Cli.Commands;
using Cairn.Cli.Output;

namespace Cairn.Cli;

/// <summary>The cairn command tree. Adding a verb is one file under Commands/ and one line in <see cref="Verbs"/>.</summary>
public static class CommandLine
{
    /// <summary>Every verb, in the order help lists them.</summary>
    private static readonly ICliCommand[] Verbs =
    [
        new InitCommand(),
        new ExpandExtensionsCommand(),
        new ListExtensionsCommand(),
        new LifecycleCommand(Cairn.Parts.Step.Pull),
        new LifecycleCommand(Cairn.Parts.Step.Build),
        new LifecycleCommand(Cairn.Parts.Step.Stage),
        new LifecycleCommand(Cairn.Parts.Step.Prime),
        new PackCommand(),
        new CleanCommand(),
        new CacheCommand(),
    ];

    /// <summary>The root command with every verb and the global options.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("cairn builds rocks (OCI images) from rockcraft.yaml");
        root.Options.Add(VerbositySetting.Quiet);
        root.Options.Add(VerbositySetting.Verbose);
        root.Options.Add(VerbositySetting.Level);
        foreach (var verb in Verbs)
            root.Subcommands.Add(verb.Build(context));
        return root;
    }
}

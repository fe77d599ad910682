using System.CommandLine;

namespace Cairn.Cli;

/// <summary>One verb of the cairn CLI: builds its <see cref="Command"/> (options, help text and action).</summary>
public interface ICliCommand
{
    /// <summary>The command, with an action that parses, calls the library and renders (stdout for results).</summary>
    Command Build(CliContext context);
}

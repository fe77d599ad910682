using System.CommandLine;
using Cairn.Project.Extensions;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn list-extensions</c>: a table of the extensions and the bases each supports.</summary>
public sealed class ListExtensionsCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build(CliContext context)
    {
        var command = new Command("list-extensions", "List the extensions cairn knows and the bases they support");
        command.Aliases.Add("extensions");
        command.SetAction(_ =>
        {
            const string nameHeader = "Extension name";
            var rows = ExtensionRegistry.All.Select(e => (e.Name, Bases: string.Join(", ", e.SupportedBases.Order(StringComparer.Ordinal)))).ToList();
            var width = Math.Max(nameHeader.Length, rows.Max(r => r.Name.Length));
            context.Out.WriteLine($"{nameHeader.PadRight(width)}  Supported bases");
            foreach (var (name, bases) in rows)
                context.Out.WriteLine($"{name.PadRight(width)}  {bases}");
            return 0;
        });
        return command;
    }
}

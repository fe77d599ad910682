using System.CommandLine;

namespace Cairn.Cli.Output;

/// <summary>
/// Where the verbosity comes from, as Rockcraft decides it: <c>--quiet</c>, <c>--verbose</c> or
/// <c>--verbosity=LEVEL</c> (at most one of them), else <c>CRAFT_VERBOSITY_LEVEL</c> (a level's name in any case; a
/// name that is none is warned of and ignored), else brief.
/// </summary>
public static class VerbositySetting
{
    public const string Variable = "CRAFT_VERBOSITY_LEVEL";

    /// <summary><c>--quiet</c>/<c>-q</c>.</summary>
    public static Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Show only errors, warnings and the result",
        Recursive = true,
    };

    /// <summary><c>--verbose</c>/<c>-v</c>: the tools' output, and the stack trace of an internal error.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show the tools' output as it comes (and the stack trace of an internal error)",
        Recursive = true,
    };

    /// <summary><c>--verbosity=quiet|brief|verbose|debug|trace</c>.</summary>
    public static Option<string?> Level { get; } = Make();

    private static Option<string?> Make()
    {
        var option = new Option<string?>("--verbosity")
        {
            Description = "How much to show: quiet, brief (the default), verbose, debug or trace; default: $" + Variable,
            HelpName = "LEVEL",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong(Names);
        return option;
    }

    private static string[] Names => [.. Enum.GetValues<Verbosity>().Select(v => v.ToString().ToLowerInvariant())];

    /// <summary>The verbosity <paramref name="result"/> and <paramref name="variables"/> ask for; a usage error (null and <paramref name="error"/>) when two flags conflict.</summary>
    public static Verbosity? Resolve(ParseResult result, IReadOnlyDictionary<string, string> variables, Action<string> warn, out string? error)
    {
        error = null;
        var given = new List<(string Flag, Verbosity Level)>();
        if (result.GetValue(Quiet)) given.Add(("--quiet", Verbosity.Quiet));
        if (result.GetValue(Verbose)) given.Add(("--verbose", Verbosity.Verbose));
        if (result.GetValue(Level) is { } level) given.Add(("--verbosity", Enum.Parse<Verbosity>(level, ignoreCase: true)));
        if (given.Count > 1)
        {
            error = $"cannot use {string.Join(" with ", given.Select(g => g.Flag))}: each sets how much cairn shows, so give one";
            return null;
        }

        if (given.Count == 1) return given[0].Level;
        if (variables.GetValueOrDefault(Variable) is { Length: > 0 } fromVariable)
        {
            // A level's name only: Enum.TryParse would also take "1" or "quiet,trace".
            var name = fromVariable.Trim().ToLowerInvariant();
            if (Names.Contains(name))
                return Enum.Parse<Verbosity>(name, ignoreCase: true);
            warn($"ignoring {Variable}={fromVariable}: the levels are {string.Join(", ", Names)}");
        }

        return Verbosity.Brief;
    }
}

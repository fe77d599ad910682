namespace Cairn.Pebble.Plan;

/// <summary>
/// A service command split into its base words and its <c>[ ... ]</c> default arguments, which
/// <c>pebble run --args</c> replaces.
/// </summary>
public sealed record ServiceCommand(IReadOnlyList<string> Base, IReadOnlyList<string> DefaultArgs)
{
    /// <summary>Splits a service's command; throws <see cref="FormatException"/> with upstream's wording when it is malformed.</summary>
    public static ServiceCommand Parse(string serviceName, string command)
    {
        List<string> words;
        try
        {
            words = Shlex.Split(command);
        }
        catch (FormatException e)
        {
            throw new FormatException($"cannot parse service \"{serviceName}\" command: {e.Message}");
        }

        var baseWords = new List<string>();
        var extra = new List<string>();
        var inGroup = false;
        var groupClosed = false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (groupClosed)
                throw new FormatException($"cannot parse service \"{serviceName}\" command: cannot have any arguments after [ ... ] group");
            if (w == "[")
            {
                if (inGroup) throw new FormatException($"cannot parse service \"{serviceName}\" command: cannot nest [ ... ] groups");
                if (i == 0) throw new FormatException($"cannot parse service \"{serviceName}\" command: cannot start command with [ ... ] group");
                inGroup = true;
                continue;
            }

            if (w == "]")
            {
                if (!inGroup) throw new FormatException($"cannot parse service \"{serviceName}\" command: cannot have ] outside of [ ... ] group");
                inGroup = false;
                groupClosed = true;
                continue;
            }

            (inGroup ? extra : baseWords).Add(w);
        }

        return new ServiceCommand(baseWords, extra);
    }

    /// <summary>The argv to run: base words followed by <paramref name="args"/> (or the default arguments when null).</summary>
    public IReadOnlyList<string> Argv(IReadOnlyList<string>? args = null) => [.. Base, .. args ?? DefaultArgs];

    /// <summary>
    /// The command string with the default arguments replaced by <paramref name="args"/>, written as Pebble writes
    /// it for the <c>--args</c> layer: base words joined, then <c> [ args ]</c> only when there is at least one.
    /// </summary>
    public string WithArgs(IReadOnlyList<string> args) =>
        args.Count == 0 ? Shlex.Join(Base) : $"{Shlex.Join(Base)} [ {Shlex.Join(args)} ]";
}

namespace Cairn.Parts;

/// <summary>
/// What <c>craftctl</c> does when a scriptlet calls it (the requests <see cref="CraftCtlServer"/> receives):
/// <c>default</c> runs the step's built-in action, <c>set</c> records a project variable (only from the
/// adopt-info part), <c>get</c> reads one.
/// </summary>
/// <param name="builtin">The step's built-in action.</param>
/// <param name="runVariables">The variables set so far in this run, which later steps read.</param>
/// <param name="stepVariables">The variables this step sets, which its state records.</param>
internal sealed class CraftCtlHandler(LifecycleOptions options, Part part, Step step, Action builtin,
    Dictionary<string, string> runVariables, Dictionary<string, string> stepVariables)
{
    /// <summary>Answers one call; returns the value to print, or null; a bad call throws CAIRN3011.</summary>
    public string? Handle(string[] args)
    {
        switch (args[0])
        {
            case "default" when args.Length == 1:
                builtin();
                return null;
            case "set" when args.Length > 1:
                if (options.AdoptInfoPart != part.Name)
                    throw PartsErrors.CraftCtl(part.Name, step, options.AdoptInfoPart is null
                        ? "'craftctl set' needs the project to name this part in 'adopt-info'"
                        : $"only the adopt-info part ('{options.AdoptInfoPart}') may set project variables");
                foreach (var assignment in args.Skip(1))
                {
                    var eq = assignment.IndexOf('=', StringComparison.Ordinal);
                    var key = eq < 0 ? assignment : assignment[..eq];
                    if (eq < 0 || key is not ("version" or "summary" or "description"))
                        throw PartsErrors.CraftCtl(part.Name, step, $"'{assignment}' is not version=..., summary=... or description=...");
                    stepVariables[key] = runVariables[key] = assignment[(eq + 1)..];
                }

                return null;
            case "get" when args.Length == 2:
                if (runVariables.TryGetValue(args[1], out var value)) return value;
                return args[1] switch
                {
                    "version" => options.ProjectVersion ?? "",
                    "name" => options.ProjectName,
                    _ => throw PartsErrors.CraftCtl(part.Name, step, $"there is no project variable '{args[1]}'"),
                };
            default:
                throw PartsErrors.CraftCtl(part.Name, step, $"unknown command 'craftctl {string.Join(' ', args)}' (cairn knows default, set KEY=VALUE and get KEY)");
        }
    }
}

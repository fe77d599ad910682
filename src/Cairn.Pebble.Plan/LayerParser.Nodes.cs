using System.Globalization;
using Cairn.Daemon;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Pebble.Plan;

/// <summary>Reading YAML nodes as Go's yaml.v3 decodes them into pebble's types, with upstream's messages; and where a problem is.</summary>
public static partial class LayerParser
{
    private static void Problem(ICollection<PlanProblem> problems, YamlNode at, string message, string? hint = null)
    {
        var (line, column) = problems is LocatingProblems located ? located.PositionOf(at) : ((int)at.Start.Line, (int)at.Start.Column);
        problems.Add(new PlanProblem(message, line, column, hint));
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static YamlMappingNode? AsMapping(YamlNode node, string what, ICollection<PlanProblem> problems)
    {
        if (node is YamlMappingNode m) return m;
        if (IsNull(node)) return null;
        Problem(problems, node, $"{what} must be a mapping, not {Kind(node)}");
        return null;
    }

    private static string Kind(YamlNode node) => node switch
    {
        YamlSequenceNode => "!!seq",
        YamlMappingNode => "!!map",
        _ => "!!str",
    };

    private static string? ReadString(YamlNode node, ICollection<PlanProblem> problems)
    {
        if (node is YamlScalarNode s) return IsNull(s) ? null : s.Value;
        Problem(problems, node, $"cannot unmarshal {Kind(node)} into string");
        return null;
    }

    private static List<string> ReadList(YamlNode node, ICollection<PlanProblem> problems)
    {
        if (IsNull(node)) return [];
        if (node is not YamlSequenceNode seq)
        {
            Problem(problems, node, $"cannot unmarshal {Kind(node)} into []string");
            return [];
        }

        return [.. seq.Children.Select(c => ReadString(c, problems) ?? "")];
    }

    private static SortedDictionary<string, string> ReadMap(YamlNode node, ICollection<PlanProblem> problems)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (IsNull(node)) return result;
        if (node is not YamlMappingNode map)
        {
            Problem(problems, node, $"cannot unmarshal {Kind(node)} into map[string]string");
            return result;
        }

        foreach (var (k, v) in map.Children)
            result[ReadString(k, problems) ?? ""] = ReadString(v, problems) ?? "";
        return result;
    }

    private static int? ReadInt(YamlNode node, ICollection<PlanProblem> problems)
    {
        var text = ReadString(node, problems);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        Problem(problems, node, $"cannot unmarshal !!str `{text}` into int");
        return null;
    }

    private static double? ReadFloat(YamlNode node, ICollection<PlanProblem> problems)
    {
        var text = ReadString(node, problems);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        Problem(problems, node, $"cannot unmarshal !!str `{text}` into float64");
        return null;
    }

    private static TimeSpan? ReadDuration(YamlNode node, ICollection<PlanProblem> problems)
    {
        var text = ReadString(node, problems);
        if (text is null) return null;
        if (GoDuration.TryParse(text, out var value)) return value;
        Problem(problems, node, $"invalid duration \"{text}\"");
        return null;
    }

    private static Startup ReadStartup(YamlNode node, ICollection<PlanProblem> problems) =>
        // Upstream does not validate a service's startup: anything but "enabled" behaves as disabled.
        ReadString(node, problems) switch
        {
            null or "" => Startup.Unset,
            "enabled" => Startup.Enabled,
            _ => Startup.Disabled,
        };

    private static Override ReadOverride(YamlNode node, ICollection<PlanProblem> problems, string what)
    {
        switch (ReadString(node, problems))
        {
            case null or "": return Override.Unset;
            case "merge": return Override.Merge;
            case "replace": return Override.Replace;
            default:
                Problem(problems, node, $"invalid \"override\" value for {what}");
                return Override.Unset;
        }
    }
}

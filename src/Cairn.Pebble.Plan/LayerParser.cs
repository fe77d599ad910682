using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Pebble.Plan;

/// <summary>
/// Reads Pebble layer YAML with YamlDotNet's node API (no reflection, so it is Native AOT safe). Decoding is
/// strict like upstream's: unknown sections and fields are errors. <see cref="Parse"/> throws on the first
/// problem; <see cref="ReadServices"/> and <see cref="ReadChecks"/> collect every problem with its position,
/// for callers (cairn's project file) that report all problems at once.
/// The sections are read in one file each: LayerParser.Services.cs, LayerParser.Checks.cs, LayerParser.LogTargets.cs;
/// the scalars, lists and maps they share in LayerParser.Nodes.cs.
/// </summary>
public static partial class LayerParser
{
    private static readonly string[] IgnoredSections = ["workloads", "pairing"];

    /// <summary>Parses one layer file's text; throws <see cref="PlanException"/> naming the layer and the field.</summary>
    public static PebbleLayer Parse(string yaml, string label, int order)
    {
        var layer = new PebbleLayer { Label = label, Order = order };
        var problems = new List<PlanProblem>();
        YamlMappingNode? root;
        try
        {
            root = LoadRoot(yaml, problems);
        }
        catch (YamlException e)
        {
            throw new PlanException($"cannot parse layer \"{label}\": yaml: line {e.Start.Line}: {e.Message}", (int)e.Start.Line, (int)e.Start.Column);
        }

        if (root is not null)
        {
            foreach (var (keyNode, value) in root.Children)
            {
                var key = ((keyNode as YamlScalarNode)?.Value) ?? "";
                switch (key)
                {
                    case "summary": layer.Summary = ReadString(value, problems); break;
                    case "description": layer.Description = ReadString(value, problems); break;
                    case "services":
                        if (!IsNull(value)) AddAll(layer.Services, ReadServices(AsMapping(value, "services", problems), problems));
                        break;
                    case "checks":
                        if (!IsNull(value)) AddAll(layer.Checks, ReadChecks(AsMapping(value, "checks", problems), problems));
                        break;
                    case "log-targets":
                        if (!IsNull(value)) AddAll(layer.LogTargets, ReadLogTargets(AsMapping(value, "log-targets", problems), problems));
                        break;
                    default:
                        if (!IgnoredSections.Contains(key)) Problem(problems, keyNode, $"unknown section \"{key}\"");
                        break;
                }
            }
        }

        if (problems.Count > 0)
        {
            var p = problems[0];
            throw new PlanException($"cannot parse layer \"{label}\": {p.Message}", p.Line, p.Column);
        }

        return layer;
    }

    private static YamlMappingNode? LoadRoot(string yaml, List<PlanProblem> problems)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode)) return null;
        return AsMapping(stream.Documents[0].RootNode, "layer", problems);
    }

    private static void AddAll<T>(SortedDictionary<string, T> target, SortedDictionary<string, T> source)
    {
        foreach (var (k, v) in source) target[k] = v;
    }
}

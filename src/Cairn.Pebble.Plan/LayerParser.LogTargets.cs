using YamlDotNet.RepresentationModel;

namespace Cairn.Pebble.Plan;

/// <summary>The <c>log-targets:</c> section.</summary>
public static partial class LayerParser
{
    /// <summary>Reads a <c>log-targets:</c> mapping (accepted and validated; forwarding is not implemented).</summary>
    public static SortedDictionary<string, LogTarget> ReadLogTargets(YamlMappingNode? node, ICollection<PlanProblem> problems)
    {
        var result = new SortedDictionary<string, LogTarget>(StringComparer.Ordinal);
        if (node is null) return result;
        foreach (var (keyNode, body) in node.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            if (IsNull(body))
            {
                Problem(problems, keyNode, $"log target object cannot be null for log target \"{name}\"");
                continue;
            }

            var map = AsMapping(body, $"log target \"{name}\"", problems);
            if (map is null) continue;
            var t = new LogTarget { Name = name };
            foreach (var (fieldNode, v) in map.Children)
            {
                switch ((fieldNode as YamlScalarNode)?.Value ?? "")
                {
                    case "override": t.Override = ReadOverride(v, problems, $"log target \"{name}\""); break;
                    case "type":
                        t.Type = ReadString(v, problems);
                        if (t.Type is not (null or "" or "loki" or "opentelemetry" or "syslog"))
                            Problem(problems, v, $"log target \"{name}\" has unsupported type \"{t.Type}\", must be \"loki\", \"opentelemetry\" or \"syslog\"");
                        break;
                    case "location": t.Location = ReadString(v, problems); break;
                    case "services": t.Services = ReadList(v, problems); break;
                    case "labels":
                        t.Labels = ReadMap(v, problems);
                        foreach (var key in t.Labels.Keys.Where(k => k.StartsWith("pebble_", StringComparison.Ordinal)))
                            Problem(problems, v, $"log target \"{name}\": label \"{key}\" uses reserved prefix \"pebble_\"");
                        break;
                    default: Problem(problems, fieldNode, $"field {((YamlScalarNode)fieldNode).Value} not found in type plan.LogTarget"); break;
                }
            }

            result[name] = t;
        }

        return result;
    }
}

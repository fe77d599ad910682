using Cairn.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Cairn.Pebble.Plan;

/// <summary>The <c>checks:</c> section: each check's fields and its http, tcp or exec probe.</summary>
public static partial class LayerParser
{
    /// <summary>Reads a <c>checks:</c> mapping; problems (with line and column) go to <paramref name="problems"/>.</summary>
    /// <param name="node">The mapping.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="positionOf">Where a node is (see <see cref="ReadServices"/>); default: the node's own.</param>
    public static SortedDictionary<string, Check> ReadChecks(YamlMappingNode? node, ICollection<PlanProblem> problems, Func<YamlNode, (int Line, int Column)>? positionOf = null)
    {
        if (positionOf is not null) problems = new LocatingProblems(problems, positionOf);
        var result = new SortedDictionary<string, Check>(StringComparer.Ordinal);
        if (node is null) return result;
        foreach (var (keyNode, body) in node.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            if (name.Length == 0)
            {
                Problem(problems, keyNode, "cannot use empty string as check name");
                continue;
            }

            if (IsNull(body))
            {
                Problem(problems, keyNode, $"check object cannot be null for check \"{name}\"");
                continue;
            }

            var map = AsMapping(body, $"check \"{name}\"", problems);
            if (map is null) continue;
            var c = new Check { Name = name };
            foreach (var (fieldNode, v) in map.Children)
            {
                var field = (fieldNode as YamlScalarNode)?.Value ?? "";
                switch (field)
                {
                    case "override": c.Override = ReadOverride(v, problems, $"check \"{name}\""); break;
                    case "level":
                        {
                            var level = ReadString(v, problems);
                            c.Level = level switch
                            {
                                "alive" => CheckLevel.Alive,
                                "ready" => CheckLevel.Ready,
                                null or "" => CheckLevel.Unset,
                                _ => Invalid(CheckLevel.Unset, v, $"plan check \"{name}\" level must be \"alive\" or \"ready\""),
                            };
                            break;
                        }

                    case "startup":
                        {
                            var startup = ReadString(v, problems);
                            c.Startup = startup switch
                            {
                                "enabled" => Startup.Enabled,
                                "disabled" => Startup.Disabled,
                                null or "" => Startup.Unset,
                                _ => Invalid(Startup.Unset, v, $"plan check \"{name}\" startup must be \"enabled\" or \"disabled\""),
                            };
                            break;
                        }

                    case "period":
                        c.Period = ReadDuration(v, problems);
                        if (c.Period == TimeSpan.Zero) Problem(problems, v, $"plan check \"{name}\" period must not be zero");
                        break;
                    case "timeout":
                        c.Timeout = ReadDuration(v, problems);
                        if (c.Timeout == TimeSpan.Zero) Problem(problems, v, $"plan check \"{name}\" timeout must not be zero");
                        break;
                    case "threshold": c.Threshold = ReadInt(v, problems); break;
                    case "http": c.Http = ReadHttp(v, problems); break;
                    case "tcp": c.Tcp = ReadTcp(v, problems); break;
                    case "exec": c.Exec = ReadExec(v, problems, name); break;
                    default: Problem(problems, fieldNode, $"field {field} not found in type plan.Check", Suggestions.Hint(field, CheckFields)); break;
                }
            }

            result[name] = c;
        }

        return result;

        T Invalid<T>(T value, YamlNode at, string message)
        {
            Problem(problems, at, message);
            return value;
        }
    }

    // The fields the switch in ReadChecks reads, for "did you mean" hints on a misspelt one.
    private static readonly string[] CheckFields = ["override", "level", "startup", "period", "timeout", "threshold", "http", "tcp", "exec"];

    private static HttpCheck? ReadHttp(YamlNode node, ICollection<PlanProblem> problems)
    {
        if (IsNull(node)) return new HttpCheck();
        var map = AsMapping(node, "http", problems);
        if (map is null) return null;
        var h = new HttpCheck();
        foreach (var (k, v) in map.Children)
        {
            switch ((k as YamlScalarNode)?.Value)
            {
                case "url": h.Url = ReadString(v, problems); break;
                case "headers": h.Headers = ReadMap(v, problems); break;
                default: Problem(problems, k, $"field {(k as YamlScalarNode)?.Value} not found in type plan.HTTPCheck"); break;
            }
        }

        return h;
    }

    private static TcpCheck? ReadTcp(YamlNode node, ICollection<PlanProblem> problems)
    {
        if (IsNull(node)) return new TcpCheck();
        var map = AsMapping(node, "tcp", problems);
        if (map is null) return null;
        var t = new TcpCheck();
        foreach (var (k, v) in map.Children)
        {
            switch ((k as YamlScalarNode)?.Value)
            {
                case "port": t.Port = ReadInt(v, problems); break;
                case "host": t.Host = ReadString(v, problems); break;
                default: Problem(problems, k, $"field {(k as YamlScalarNode)?.Value} not found in type plan.TCPCheck"); break;
            }
        }

        return t;
    }

    private static ExecCheck? ReadExec(YamlNode node, ICollection<PlanProblem> problems, string check)
    {
        if (IsNull(node)) return new ExecCheck();
        var map = AsMapping(node, "exec", problems);
        if (map is null) return null;
        var e = new ExecCheck();
        foreach (var (k, v) in map.Children)
        {
            switch ((k as YamlScalarNode)?.Value)
            {
                case "command": e.Command = ReadString(v, problems); break;
                case "service-context": e.ServiceContext = ReadString(v, problems); break;
                case "environment": e.Environment = ReadMap(v, problems); break;
                case "user-id": e.UserId = ReadInt(v, problems); break;
                case "user": e.User = ReadString(v, problems); break;
                case "group-id": e.GroupId = ReadInt(v, problems); break;
                case "group": e.Group = ReadString(v, problems); break;
                case "working-dir": e.WorkingDir = ReadString(v, problems); break;
                default: Problem(problems, k, $"field {(k as YamlScalarNode)?.Value} not found in type plan.ExecCheck"); break;
            }
        }

        if (!string.IsNullOrEmpty(e.Command))
        {
            try
            {
                Shlex.Split(e.Command);
            }
            catch (FormatException ex)
            {
                Problem(problems, map, $"plan check \"{check}\" command invalid: cannot parse check \"{check}\" command: {ex.Message}");
            }
        }

        return e;
    }
}

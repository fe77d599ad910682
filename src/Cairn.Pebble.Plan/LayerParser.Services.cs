using System.Globalization;
using Cairn.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Cairn.Pebble.Plan;

/// <summary>The <c>services:</c> section: each service's fields, its name rule, and its exit actions.</summary>
public static partial class LayerParser
{
    /// <summary>Reads a <c>services:</c> mapping; problems (with line and column) go to <paramref name="problems"/>.</summary>
    /// <param name="node">The mapping.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="positionOf">Where a node is, for callers whose nodes are copies YamlDotNet has no position for; default: the node's own.</param>
    public static SortedDictionary<string, Service> ReadServices(YamlMappingNode? node, ICollection<PlanProblem> problems, Func<YamlNode, (int Line, int Column)>? positionOf = null)
    {
        if (positionOf is not null) problems = new LocatingProblems(problems, positionOf);
        var result = new SortedDictionary<string, Service>(StringComparer.Ordinal);
        if (node is null) return result;
        foreach (var (keyNode, body) in node.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            var nameError = ServiceNameError(name);
            if (nameError is not null)
            {
                Problem(problems, keyNode, nameError);
                continue;
            }

            if (IsNull(body))
            {
                Problem(problems, keyNode, $"service object cannot be null for service \"{name}\"");
                continue;
            }

            var map = AsMapping(body, $"service \"{name}\"", problems);
            if (map is null) continue;
            var s = new Service { Name = name };
            YamlNode commandNode = map;
            foreach (var (fieldNode, v) in map.Children)
            {
                var field = (fieldNode as YamlScalarNode)?.Value ?? "";
                switch (field)
                {
                    case "summary": s.Summary = ReadString(v, problems); break;
                    case "description": s.Description = ReadString(v, problems); break;
                    case "startup": s.Startup = ReadStartup(v, problems); break;
                    case "override": s.Override = ReadOverride(v, problems, $"service \"{name}\""); break;
                    case "command":
                        s.Command = ReadString(v, problems);
                        commandNode = v;
                        break;
                    case "after": s.After = ReadList(v, problems); break;
                    case "before": s.Before = ReadList(v, problems); break;
                    case "requires": s.Requires = ReadList(v, problems); break;
                    case "environment": s.Environment = ReadMap(v, problems); break;
                    case "user-id": s.UserId = ReadInt(v, problems); break;
                    case "user": s.User = ReadString(v, problems); break;
                    case "group-id": s.GroupId = ReadInt(v, problems); break;
                    case "group": s.Group = ReadString(v, problems); break;
                    case "working-dir": s.WorkingDir = ReadString(v, problems); break;
                    case "on-success": s.OnSuccess = ReadAction(v, problems, name, "on-success", onSuccess: true); break;
                    case "on-failure": s.OnFailure = ReadAction(v, problems, name, "on-failure", onSuccess: false); break;
                    case "on-check-failure":
                        foreach (var (check, action) in ReadMap(v, problems))
                        {
                            var parsed = ActionFromString(action, onSuccess: false);
                            if (parsed is null) Problem(problems, v, $"plan service \"{name}\" on-check-failure action \"{action}\" invalid");
                            else s.OnCheckFailure[check] = parsed.Value;
                        }

                        break;
                    case "backoff-delay": s.BackoffDelay = ReadDuration(v, problems); break;
                    case "backoff-factor":
                        s.BackoffFactor = ReadFloat(v, problems);
                        if (s.BackoffFactor is < 1.0)
                        {
                            Problem(problems, v, $"plan service \"{name}\" backoff-factor must be 1.0 or greater, not {s.BackoffFactor.Value.ToString(CultureInfo.InvariantCulture)}");
                        }

                        break;
                    case "backoff-limit": s.BackoffLimit = ReadDuration(v, problems); break;
                    case "kill-delay": s.KillDelay = ReadDuration(v, problems); break;
                    case "workload": ReadString(v, problems); break;
                    default: Problem(problems, fieldNode, $"field {field} not found in type plan.Service", Suggestions.Hint(field, ServiceFields)); break;
                }
            }

            if (!string.IsNullOrEmpty(s.Command))
            {
                try
                {
                    ServiceCommand.Parse(name, s.Command);
                }
                catch (FormatException e)
                {
                    Problem(problems, commandNode, $"plan service \"{name}\" command invalid: {e.Message}");
                }
            }

            result[name] = s;
        }

        return result;
    }

    /// <summary>Upstream's rule for service names: not empty, not <c>pebble</c>, not starting with <c>-</c>. Null when valid.</summary>
    public static string? ServiceNameError(string name) => name switch
    {
        "" => "cannot use empty string as service name",
        "pebble" => "cannot use reserved service name \"pebble\"",
        _ when name.StartsWith('-') => $"cannot use service name \"{name}\": starting with \"-\" not allowed",
        _ => null,
    };

    // The fields the switch in ReadServices reads, for "did you mean" hints on a misspelt one.
    private static readonly string[] ServiceFields =
    [
        "summary", "description", "startup", "override", "command", "after", "before", "requires", "environment", "user-id", "user",
        "group-id", "group", "working-dir", "on-success", "on-failure", "on-check-failure", "backoff-delay", "backoff-factor",
        "backoff-limit", "kill-delay",
    ];

    private static ServiceAction ReadAction(YamlNode node, ICollection<PlanProblem> problems, string service, string field, bool onSuccess)
    {
        var text = ReadString(node, problems);
        if (string.IsNullOrEmpty(text)) return ServiceAction.Unset;
        var action = ActionFromString(text, onSuccess);
        if (action is not null) return action.Value;
        Problem(problems, node, $"plan service \"{service}\" {field} action \"{text}\" invalid");
        return ServiceAction.Unset;
    }

    /// <summary>Parses an action name; on-success allows failure-shutdown, the others success-shutdown.</summary>
    internal static ServiceAction? ActionFromString(string text, bool onSuccess) => text switch
    {
        "restart" => ServiceAction.Restart,
        "shutdown" => ServiceAction.Shutdown,
        "ignore" => ServiceAction.Ignore,
        "failure-shutdown" when onSuccess => ServiceAction.FailureShutdown,
        "success-shutdown" when !onSuccess => ServiceAction.SuccessShutdown,
        _ => null,
    };
}

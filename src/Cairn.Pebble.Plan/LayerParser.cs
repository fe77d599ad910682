using Cairn.Diagnostics;
using System.Globalization;
using Cairn.Daemon;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Pebble.Plan;

/// <summary>
/// Reads Pebble layer YAML with YamlDotNet's node API (no reflection, so it is Native AOT safe). Decoding is
/// strict like upstream's: unknown sections and fields are errors. <see cref="Parse"/> throws on the first
/// problem; <see cref="ReadServices"/> and <see cref="ReadChecks"/> collect every problem with its position,
/// for callers (cairn's project file) that report all problems at once.
/// </summary>
public static class LayerParser
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

    /// <summary>Upstream's rule for service names: not empty, not <c>pebble</c>, not starting with <c>-</c>. Null when valid.</summary>
    public static string? ServiceNameError(string name) => name switch
    {
        "" => "cannot use empty string as service name",
        "pebble" => "cannot use reserved service name \"pebble\"",
        _ when name.StartsWith('-') => $"cannot use service name \"{name}\": starting with \"-\" not allowed",
        _ => null,
    };

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

    private static void Problem(ICollection<PlanProblem> problems, YamlNode at, string message, string? hint = null)
    {
        var (line, column) = problems is LocatingProblems located ? located.PositionOf(at) : ((int)at.Start.Line, (int)at.Start.Column);
        problems.Add(new PlanProblem(message, line, column, hint));
    }

    /// <summary>The caller's problem collection together with its position resolver, so every helper that reports a problem can use it.</summary>
    private sealed class LocatingProblems(ICollection<PlanProblem> inner, Func<YamlNode, (int Line, int Column)> positionOf) : ICollection<PlanProblem>
    {
        public Func<YamlNode, (int Line, int Column)> PositionOf { get; } = positionOf;

        public int Count => inner.Count;

        public bool IsReadOnly => inner.IsReadOnly;

        public void Add(PlanProblem item) => inner.Add(item);

        public void Clear() => inner.Clear();

        public bool Contains(PlanProblem item) => inner.Contains(item);

        public void CopyTo(PlanProblem[] array, int arrayIndex) => inner.CopyTo(array, arrayIndex);

        public bool Remove(PlanProblem item) => inner.Remove(item);

        public IEnumerator<PlanProblem> GetEnumerator() => inner.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => inner.GetEnumerator();
    }

    // The fields the switches above read, for "did you mean" hints on a misspelt one.
    private static readonly string[] ServiceFields =
    [
        "summary", "description", "startup", "override", "command", "after", "before", "requires", "environment", "user-id", "user",
        "group-id", "group", "working-dir", "on-success", "on-failure", "on-check-failure", "backoff-delay", "backoff-factor",
        "backoff-limit", "kill-delay",
    ];

    private static readonly string[] CheckFields = ["override", "level", "startup", "period", "timeout", "threshold", "http", "tcp", "exec"];

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

using System.Globalization;
using System.Text;
using Cairn.Daemon;

namespace Cairn.Pebble.Plan;

/// <summary>
/// Writes a layer (or a combined plan) as YAML the way upstream Pebble prints it: 4-space indentation, keys in
/// yaml.v3's order (<see cref="YamlKeyOrder"/>), fields in upstream's struct order, unset fields omitted, Go-style
/// durations, strings styled as yaml.v3 styles them (<see cref="YamlScalar"/>). Hand-written rather than
/// YamlDotNet's serializer so the output is exact and needs no reflection.
/// </summary>
public static class PebbleLayerWriter
{
    /// <summary>The YAML text of <paramref name="layer"/>; <c>{}</c> for an empty one.</summary>
    public static string Write(PebbleLayer layer)
    {
        var y = new IndentedYaml();
        if (layer.Summary is not null) y.Scalar(0, "summary", layer.Summary);
        if (layer.Description is not null) y.Scalar(0, "description", layer.Description);
        if (layer.Services.Count > 0)
        {
            y.Key(0, "services");
            foreach (var s in Sorted(layer.Services)) WriteService(y, 1, s);
        }

        if (layer.Checks.Count > 0)
        {
            y.Key(0, "checks");
            foreach (var c in Sorted(layer.Checks)) WriteCheck(y, 1, c);
        }

        if (layer.LogTargets.Count > 0)
        {
            y.Key(0, "log-targets");
            foreach (var t in Sorted(layer.LogTargets)) WriteLogTarget(y, 1, t);
        }

        var text = y.ToString();
        return text.Length == 0 ? "{}\n" : text;
    }

    /// <summary>The YAML of one service entry (used to compare configurations).</summary>
    public static string WriteService(Service service)
    {
        var y = new IndentedYaml();
        WriteService(y, 0, service);
        return y.ToString();
    }

    private static void WriteService(IndentedYaml y, int level, Service s)
    {
        y.Key(level, s.Name);
        var l = level + 1;
        y.Scalar(l, "summary", s.Summary);
        y.Scalar(l, "description", s.Description);
        y.Scalar(l, "startup", s.Startup == Startup.Unset ? null : s.Startup == Startup.Enabled ? "enabled" : "disabled");
        y.Scalar(l, "override", OverrideName(s.Override));
        y.Scalar(l, "command", s.Command);
        y.List(l, "after", s.After);
        y.List(l, "before", s.Before);
        y.List(l, "requires", s.Requires);
        y.Map(l, "environment", s.Environment);
        y.Scalar(l, "user-id", s.UserId?.ToString(CultureInfo.InvariantCulture), plain: true);
        y.Scalar(l, "user", s.User);
        y.Scalar(l, "group-id", s.GroupId?.ToString(CultureInfo.InvariantCulture), plain: true);
        y.Scalar(l, "group", s.Group);
        y.Scalar(l, "working-dir", s.WorkingDir);
        y.Scalar(l, "on-success", ActionName(s.OnSuccess));
        y.Scalar(l, "on-failure", ActionName(s.OnFailure));
        y.Map(l, "on-check-failure", s.OnCheckFailure.ToDictionary(kv => kv.Key, kv => ActionName(kv.Value)!));
        y.Scalar(l, "backoff-delay", Duration(s.BackoffDelay));
        y.Scalar(l, "backoff-factor", s.BackoffFactor?.ToString("R", CultureInfo.InvariantCulture), plain: true);
        y.Scalar(l, "backoff-limit", Duration(s.BackoffLimit));
        y.Scalar(l, "kill-delay", Duration(s.KillDelay));
    }

    private static void WriteCheck(IndentedYaml y, int level, Check c)
    {
        y.Key(level, c.Name);
        var l = level + 1;
        y.Scalar(l, "override", OverrideName(c.Override));
        y.Scalar(l, "level", c.Level switch { CheckLevel.Alive => "alive", CheckLevel.Ready => "ready", _ => null });
        y.Scalar(l, "startup", c.Startup == Startup.Unset ? null : c.Startup == Startup.Enabled ? "enabled" : "disabled");
        y.Scalar(l, "period", Duration(c.Period));
        y.Scalar(l, "timeout", Duration(c.Timeout));
        y.Scalar(l, "threshold", c.Threshold is null or 0 ? null : c.Threshold.Value.ToString(CultureInfo.InvariantCulture), plain: true);
        if (c.Http is not null)
        {
            y.Key(l, "http");
            y.Scalar(l + 1, "url", c.Http.Url);
            y.Map(l + 1, "headers", c.Http.Headers);
        }

        if (c.Tcp is not null)
        {
            y.Key(l, "tcp");
            y.Scalar(l + 1, "port", c.Tcp.Port is null or 0 ? null : c.Tcp.Port.Value.ToString(CultureInfo.InvariantCulture), plain: true);
            y.Scalar(l + 1, "host", c.Tcp.Host);
        }

        if (c.Exec is not null)
        {
            var e = c.Exec;
            y.Key(l, "exec");
            y.Scalar(l + 1, "command", e.Command);
            y.Scalar(l + 1, "service-context", e.ServiceContext);
            y.Map(l + 1, "environment", e.Environment);
            y.Scalar(l + 1, "user-id", e.UserId?.ToString(CultureInfo.InvariantCulture), plain: true);
            y.Scalar(l + 1, "user", e.User);
            y.Scalar(l + 1, "group-id", e.GroupId?.ToString(CultureInfo.InvariantCulture), plain: true);
            y.Scalar(l + 1, "group", e.Group);
            y.Scalar(l + 1, "working-dir", e.WorkingDir);
        }
    }

    private static void WriteLogTarget(IndentedYaml y, int level, LogTarget t)
    {
        y.Key(level, t.Name);
        var l = level + 1;
        // Upstream's log target fields have no omitempty: yaml.v3 prints them even when empty.
        y.Scalar(l, "type", t.Type ?? "");
        y.Scalar(l, "location", t.Location ?? "");
        y.List(l, "services", t.Services, emptyAsFlow: true);
        y.Scalar(l, "override", OverrideName(t.Override));
        y.Map(l, "labels", t.Labels);
    }

    private static IEnumerable<T> Sorted<T>(SortedDictionary<string, T> items) => items.OrderBy(kv => kv.Key, YamlKeyOrder.Instance).Select(kv => kv.Value);

    private static string? Duration(TimeSpan? value) => value is null ? null : GoDuration.Format(value.Value);

    private static string? OverrideName(Override value) => value switch
    {
        Override.Merge => "merge",
        Override.Replace => "replace",
        _ => null,
    };

    /// <summary>The YAML spelling of an action, or null when unset.</summary>
    public static string? ActionName(ServiceAction action) => action switch
    {
        ServiceAction.Restart => "restart",
        ServiceAction.Shutdown => "shutdown",
        ServiceAction.FailureShutdown => "failure-shutdown",
        ServiceAction.SuccessShutdown => "success-shutdown",
        ServiceAction.Ignore => "ignore",
        _ => null,
    };

    private sealed class IndentedYaml
    {
        private readonly StringBuilder text = new();

        public void Key(int level, string key) => Indent(level).Append(YamlScalar.Inline(key)).Append(":\n");

        public void Scalar(int level, string key, string? value, bool plain = false)
        {
            if (value is null) return;
            Indent(level).Append(YamlScalar.Inline(key)).Append(':');
            if (plain) text.Append(' ').Append(value).Append('\n');
            else YamlScalar.Append(text, value, (level + 1) * 4);
        }

        public void List(int level, string key, IReadOnlyCollection<string> items, bool emptyAsFlow = false)
        {
            if (items.Count == 0)
            {
                if (emptyAsFlow) Indent(level).Append(YamlScalar.Inline(key)).Append(": []\n");
                return;
            }

            Key(level, key);
            // A block scalar in a sequence item is indented past the "- ", not by a whole level.
            foreach (var item in items) YamlScalar.Append(Indent(level + 1).Append('-'), item, (level + 1) * 4 + 2);
        }

        public void Map(int level, string key, IEnumerable<KeyValuePair<string, string>> items)
        {
            var sorted = items.OrderBy(kv => kv.Key, YamlKeyOrder.Instance).ToList();
            if (sorted.Count == 0) return;
            Key(level, key);
            foreach (var (k, v) in sorted) Scalar(level + 1, k, v);
        }

        public override string ToString() => text.ToString();

        private StringBuilder Indent(int level) => text.Append(' ', level * 4);
    }
}

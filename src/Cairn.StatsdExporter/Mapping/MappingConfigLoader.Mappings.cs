using Cairn.StatsdExporter.Ingest;
using YamlDotNet.RepresentationModel;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>One rule of <c>mappings</c>: its keys, then its glob or regex compiled.</summary>
public static partial class MappingConfigLoader
{
    private static MetricMapping ReadMapping(YamlNode node, MappingDefaults defaults, List<string> warnings)
    {
        var map = node as YamlMappingNode ?? throw Error(node, "each rule in 'mappings' must be a mapping with 'match' and 'name'");
        var raw = new RawOptions();
        string? match = null, name = null, help = null;
        MatchType? matchType = null;
        var action = MappingAction.Map;
        EventKind? metricType = null;
        ObserverType? observerType = null;
        var honorLabels = false;
        var ttl = TimeSpan.Zero;
        double? scale = null;
        var labels = new List<KeyValuePair<string, string>>();
        var labelKeys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var observerTypeIsExplicit = false;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Key(keyNode);
            if (raw.TryRead(key, value))
                continue;
            switch (key)
            {
                case "match": match = Scalar(value); break;
                case "name": name = Scalar(value); break;
                case "help": help = Scalar(value); break;
                case "match_type":
                    matchType = Scalar(value).Length == 0 ? null : ReadMatchType(value);
                    break;
                case "action":
                    action = Scalar(value) switch
                    {
                        "" or "map" => MappingAction.Map,
                        "drop" => MappingAction.Drop,
                        var other => throw Error(value, $"invalid action '{other}'", "use 'map' or 'drop'"),
                    };
                    break;
                case "match_metric_type":
                    metricType = Scalar(value) switch
                    {
                        "" => null,
                        "counter" => EventKind.Counter,
                        "gauge" => EventKind.Gauge,
                        "observer" or "timer" => EventKind.Observer,
                        var other => throw Error(value, $"invalid match_metric_type '{other}'", "use 'counter', 'gauge' or 'observer'"),
                    };
                    break;
                case "observer_type":
                    observerType = ReadObserverType(value);
                    observerTypeIsExplicit = true;
                    break;
                case "timer_type":
                    warnings.Add($"line {keyNode.Start.Line}: 'timer_type' is deprecated, use 'observer_type'");
                    if (!observerTypeIsExplicit)
                        observerType = ReadObserverType(value);
                    break;
                case "honor_labels": honorLabels = ReadBool(value); break;
                case "ttl": ttl = ReadDuration(value); break;
                case "scale": scale = ReadFloat(value); break;
                case "labels":
                    if (IsNull(value))
                        break;
                    var labelMap = value as YamlMappingNode ?? throw Error(value, "'labels' must be a mapping of label names to values");
                    foreach (var (labelKey, labelValue) in labelMap.Children)
                    {
                        var labelName = Key(labelKey);
                        if (!IsLabelName(labelName))
                            throw Error(labelKey, $"invalid label name '{labelName}'", "label names are letters, digits and '_', not starting with a digit or '__'");
                        labels.Add(new(labelName, Scalar(labelValue)));
                        labelKeys[labelName] = labelKey;
                    }

                    break;
                default:
                    warnings.Add($"line {keyNode.Start.Line}: unknown key '{key}' in a mapping ignored");
                    break;
            }
        }

        var line = (int)node.Start.Line;
        if (string.IsNullOrEmpty(match))
            throw Error(node, "the rule has no 'match'");
        if (action == MappingAction.Map && string.IsNullOrEmpty(name))
            throw Error(node, "the rule has no metric 'name'", "every rule that maps needs a name");
        name ??= "";
        if (name.Length > 0 && !IsNameTemplate(name))
            throw Error(map.Children.First(c => Key(c.Key) == "name").Value, $"invalid metric name '{name}'",
                "names are letters, digits, '_' and $n or ${n} references; ':' and '-' are not allowed");

        var effectiveObserver = observerType is null or ObserverType.Default ? defaults.ObserverType : observerType.Value;
        if (effectiveObserver == ObserverType.Histogram && raw.HasSummaryOptions)
            throw Error(node, "a histogram rule cannot have summary options");
        if (effectiveObserver == ObserverType.Summary && raw.HasHistogramOptions)
            throw Error(node, "a summary rule cannot have histogram options");
        if (action == MappingAction.Map && metricType is null or EventKind.Observer)
        {
            // Upstream loads such a rule and then panics (or, here, drops every timer) at the first observer it maps.
            var (reserved, kind) = effectiveObserver == ObserverType.Histogram ? ("le", "histogram") : ("quantile", "summary");
            if (labelKeys.TryGetValue(reserved, out var reservedKey))
                throw Error(reservedKey, $"label '{reserved}' is reserved: this rule maps timers to a {kind}, which writes its own '{reserved}' label",
                    "rename the label, or add 'match_metric_type: counter' (or gauge) if the rule is not meant for timers");
        }

        var effectiveMatchType = matchType ?? defaults.MatchType;
        var mapping = new MetricMapping
        {
            Match = match,
            MatchType = effectiveMatchType,
            Name = name,
            Labels = labels,
            Help = help,
            Action = action,
            MatchMetricType = metricType,
            ObserverType = effectiveObserver,
            HonorLabels = honorLabels,
            Ttl = ttl > TimeSpan.Zero ? ttl : defaults.Ttl,
            Scale = scale,
            SummaryOptions = raw.ResolveSummary(defaults.SummaryOptions),
            HistogramOptions = raw.ResolveHistogram(defaults.HistogramOptions),
            Line = line,
        };
        return effectiveMatchType == MatchType.Glob ? CompileGlob(mapping, map) : CompileRegex(mapping, map);
    }

    private static MetricMapping CompileGlob(MetricMapping mapping, YamlMappingNode node)
    {
        var components = mapping.Match.Split('.');
        for (var i = 0; i < components.Length; i++)
        {
            if (!IsGlobComponent(components[i], i == 0))
                throw Error(node.Children.First(c => Key(c.Key) == "match").Value, $"invalid match '{mapping.Match}'",
                    "a glob is dot-separated components that are either '*' or literal ([a-zA-Z0-9_-], not starting with a digit in the first component); use match_type: regex for anything else");
        }

        var captures = components.Count(c => c == "*");
        return new MetricMapping
        {
            Match = mapping.Match, MatchType = mapping.MatchType, Name = mapping.Name, Labels = mapping.Labels, Help = mapping.Help,
            Action = mapping.Action, MatchMetricType = mapping.MatchMetricType, ObserverType = mapping.ObserverType,
            HonorLabels = mapping.HonorLabels, Ttl = mapping.Ttl, Scale = mapping.Scale, SummaryOptions = mapping.SummaryOptions,
            HistogramOptions = mapping.HistogramOptions, Line = mapping.Line,
            GlobComponents = components.Select(c => c == "*" ? null : c).ToArray(),
            GlobName = GlobTemplate.Compile(mapping.Name, captures),
            GlobLabels = mapping.Labels.Select(l => GlobTemplate.Compile(l.Value, captures)).ToArray(),
        };
    }

    private static MetricMapping CompileRegex(MetricMapping mapping, YamlMappingNode node)
    {
        GoRegex regex;
        try
        {
            regex = GoRegex.Compile(mapping.Match);
        }
        catch (ArgumentException e)
        {
            throw Error(node.Children.First(c => Key(c.Key) == "match").Value, $"invalid regex '{mapping.Match}': {e.Message}");
        }

        return new MetricMapping
        {
            Match = mapping.Match, MatchType = mapping.MatchType, Name = mapping.Name, Labels = mapping.Labels, Help = mapping.Help,
            Action = mapping.Action, MatchMetricType = mapping.MatchMetricType, ObserverType = mapping.ObserverType,
            HonorLabels = mapping.HonorLabels, Ttl = mapping.Ttl, Scale = mapping.Scale, SummaryOptions = mapping.SummaryOptions,
            HistogramOptions = mapping.HistogramOptions, Line = mapping.Line,
            Regex = regex,
            RegexName = RegexTemplate.Compile(mapping.Name),
            RegexLabels = mapping.Labels.Select(l => RegexTemplate.Compile(l.Value)).ToArray(),
        };
    }
}

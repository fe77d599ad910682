using System.Globalization;
using Cairn.Daemon;
using Cairn.StatsdExporter.Ingest;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// Reads upstream's mapping config (YAML <c>defaults</c> and <c>mappings</c>, spec §2) with YamlDotNet's node API, validates
/// every rule and resolves defaults into it. The first problem found is thrown as a <see cref="MappingConfigException"/>
/// that names the line. Unknown keys are ignored with a warning, as v0.26.0 ignores them.
/// </summary>
public static class MappingConfigLoader
{
    private static readonly string[] DefaultsKeys =
        ["observer_type", "timer_type", "match_type", "glob_disable_ordering", "ttl", "summary_options", "histogram_options", "buckets", "quantiles"];

    private static readonly string[] MappingKeys =
    [
        "match", "match_type", "name", "labels", "help", "action", "match_metric_type", "observer_type", "timer_type", "honor_labels",
        "ttl", "scale", "summary_options", "histogram_options", "buckets", "quantiles",
    ];

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static MappingConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MappingConfigException($"cannot read the file: {e.Message}", hint: "check --statsd.mapping-config names a readable file");
        }

        return Load(text);
    }

    /// <summary>Loads a config from its YAML text.</summary>
    public static MappingConfig Load(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (AnchorNotFoundException e)
        {
            // YamlDotNet reports this one without a position; an unquoted '*' pattern is the usual cause, so find it.
            var anchor = e.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : "";
            var at = yaml.IndexOf("*" + anchor, StringComparison.Ordinal);
            var line = at < 0 ? 0 : yaml.AsSpan(0, at).Count('\n') + 1;
            var column = at < 0 ? 0 : at - yaml.LastIndexOf('\n', Math.Max(0, at - 1));
            throw new MappingConfigException($"invalid YAML: '*{anchor}' reads as an alias to an undefined anchor", line, column,
                "a pattern that starts with '*' must be quoted: match: \"*.foo\"");
        }
        catch (YamlException e)
        {
            var message = e.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0)
                message = message[(cut + 3)..];
            throw new MappingConfigException($"invalid YAML: {message}", (int)e.Start.Line, (int)e.Start.Column,
                "a pattern that starts with '*' must be quoted: match: \"*.foo\"");
        }

        var warnings = new List<string>();
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
            return new MappingConfig([], MappingDefaults.BuiltIn, warnings);
        var root = stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(stream.Documents[0].RootNode, "the top level must be a mapping with 'defaults' and 'mappings'");

        var defaults = MappingDefaults.BuiltIn;
        YamlSequenceNode? mappingsNode = null;
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Key(keyNode))
            {
                case "defaults":
                    defaults = ReadDefaults(value, warnings);
                    break;
                case "mappings":
                    if (!IsNull(value))
                        mappingsNode = value as YamlSequenceNode ?? throw Error(value, "'mappings' must be a list of rules");
                    break;
                default:
                    warnings.Add($"line {keyNode.Start.Line}: unknown key '{Key(keyNode)}' ignored");
                    break;
            }
        }

        var mappings = new List<MetricMapping>();
        if (mappingsNode is not null)
        {
            foreach (var item in mappingsNode.Children)
                mappings.Add(ReadMapping(item, defaults, warnings));
        }

        return new MappingConfig(mappings, defaults, warnings);
    }

    private static MappingDefaults ReadDefaults(YamlNode node, List<string> warnings)
    {
        if (IsNull(node))
            return MappingDefaults.BuiltIn;
        var map = node as YamlMappingNode ?? throw Error(node, "'defaults' must be a mapping");
        var raw = new RawOptions();
        var observerType = ObserverType.Default;
        var matchType = MatchType.Glob;
        var disableOrdering = false;
        var ttl = TimeSpan.Zero;
        YamlNode? observerNode = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Key(keyNode);
            if (raw.TryRead(key, value))
                continue;
            switch (key)
            {
                case "observer_type":
                    observerType = ReadObserverType(value);
                    observerNode = value;
                    break;
                case "timer_type":
                    warnings.Add($"line {keyNode.Start.Line}: 'timer_type' is deprecated, use 'observer_type'");
                    if (observerNode is null)
                        observerType = ReadObserverType(value);
                    break;
                case "match_type":
                    matchType = ReadMatchType(value);
                    break;
                case "glob_disable_ordering":
                    disableOrdering = ReadBool(value);
                    break;
                case "ttl":
                    ttl = ReadDuration(value);
                    break;
                default:
                    warnings.Add($"line {keyNode.Start.Line}: unknown key '{key}' in 'defaults' ignored");
                    break;
            }
        }

        return new MappingDefaults(
            observerType,
            matchType,
            disableOrdering,
            ttl,
            raw.ResolveSummary(SummaryOptions.Default),
            raw.ResolveHistogram(HistogramOptions.Default));
    }

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

    /// <summary>The <c>summary_options</c>/<c>histogram_options</c> (and deprecated top-level) keys of one section, before defaults.</summary>
    private sealed class RawOptions
    {
        private List<Objective>? _quantiles;
        private List<Objective>? _topLevelQuantiles;
        private TimeSpan? _maxAge;
        private int? _ageBuckets;
        private int? _bufCap;
        private List<double>? _buckets;
        private List<double>? _topLevelBuckets;

        public bool HasSummaryOptions { get; private set; }

        public bool HasHistogramOptions { get; private set; }

        public bool TryRead(string key, YamlNode value)
        {
            switch (key)
            {
                case "summary_options":
                    ReadSummary(value);
                    return true;
                case "histogram_options":
                    ReadHistogram(value);
                    return true;
                case "quantiles":
                    if (_quantiles is not null)
                        throw Error(value, "quantiles are given both at the top level and in 'summary_options'", "keep only summary_options.quantiles");
                    _topLevelQuantiles = ReadQuantiles(value);
                    return true;
                case "buckets":
                    if (_buckets is not null)
                        throw Error(value, "buckets are given both at the top level and in 'histogram_options'", "keep only histogram_options.buckets");
                    _topLevelBuckets = ReadBuckets(value);
                    return true;
                default:
                    return false;
            }
        }

        public SummaryOptions ResolveSummary(SummaryOptions fallback) => new(
            (_quantiles ?? _topLevelQuantiles) is { Count: > 0 } q ? q : fallback.Objectives,
            _maxAge is { } age && age > TimeSpan.Zero ? age : fallback.MaxAge,
            _ageBuckets is > 0 ? _ageBuckets.Value : fallback.AgeBuckets,
            _bufCap is > 0 ? _bufCap.Value : fallback.BufferCapacity);

        public HistogramOptions ResolveHistogram(HistogramOptions fallback) =>
            (_buckets ?? _topLevelBuckets) is { Count: > 0 } b ? new HistogramOptions(b) : fallback;

        private void ReadSummary(YamlNode node)
        {
            if (IsNull(node))
                return;
            HasSummaryOptions = true;
            var map = node as YamlMappingNode ?? throw Error(node, "'summary_options' must be a mapping");
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Key(keyNode))
                {
                    case "quantiles":
                        if (_topLevelQuantiles is not null)
                            throw Error(value, "quantiles are given both at the top level and in 'summary_options'", "keep only summary_options.quantiles");
                        _quantiles = ReadQuantiles(value);
                        break;
                    case "max_age":
                        _maxAge = ReadDuration(value);
                        break;
                    case "age_buckets":
                        _ageBuckets = ReadCount(value);
                        break;
                    case "buf_cap":
                        _bufCap = ReadCount(value);
                        break;
                }
            }
        }

        private void ReadHistogram(YamlNode node)
        {
            if (IsNull(node))
                return;
            HasHistogramOptions = true;
            var map = node as YamlMappingNode ?? throw Error(node, "'histogram_options' must be a mapping");
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Key(keyNode))
                {
                    case "buckets":
                        if (_topLevelBuckets is not null)
                            throw Error(value, "buckets are given both at the top level and in 'histogram_options'", "keep only histogram_options.buckets");
                        _buckets = ReadBuckets(value);
                        break;
                    case "native_histogram_bucket_factor":
                        // Native histograms exist only in the protobuf exposition, which this exporter does not serve.
                        ReadFloat(value);
                        break;
                    case "native_histogram_max_buckets":
                        ReadCount(value);
                        break;
                }
            }
        }

        private static List<Objective> ReadQuantiles(YamlNode node)
        {
            var list = new List<Objective>();
            if (IsNull(node))
                return list;
            var seq = node as YamlSequenceNode ?? throw Error(node, "'quantiles' must be a list of {quantile, error}");
            foreach (var item in seq.Children)
            {
                var map = item as YamlMappingNode ?? throw Error(item, "each quantile must be a mapping {quantile: Q, error: E}");
                double q = 0, e = 0;
                foreach (var (k, v) in map.Children)
                {
                    if (Key(k) == "quantile")
                        q = ReadFloat(v);
                    else if (Key(k) == "error")
                        e = ReadFloat(v);
                }

                if (!(q >= 0 && q <= 1))
                    throw Error(item, $"quantile {q.ToString(CultureInfo.InvariantCulture)} is outside 0..1");
                if (!(e >= 0 && e <= 1))
                    throw Error(item, $"quantile error {e.ToString(CultureInfo.InvariantCulture)} is outside 0..1");
                list.RemoveAll(o => o.Quantile == q);
                list.Add(new Objective(q, e));
            }

            list.Sort((a, b) => a.Quantile.CompareTo(b.Quantile));
            return list;
        }

        private static List<double> ReadBuckets(YamlNode node)
        {
            var list = new List<double>();
            if (IsNull(node))
                return list;
            var seq = node as YamlSequenceNode ?? throw Error(node, "'buckets' must be a list of numbers");
            foreach (var item in seq.Children)
            {
                var bound = ReadFloat(item);
                if (list.Count > 0 && !(bound > list[^1]))
                    throw Error(item, "histogram buckets must be in strictly increasing order");
                list.Add(bound);
            }

            if (list.Count > 0 && double.IsPositiveInfinity(list[^1]))
                list.RemoveAt(list.Count - 1);
            return list;
        }
    }

    private static ObserverType ReadObserverType(YamlNode node) => Scalar(node) switch
    {
        "" => ObserverType.Default,
        "summary" => ObserverType.Summary,
        "histogram" => ObserverType.Histogram,
        var other => throw Error(node, $"invalid observer type '{other}'", "use 'summary' or 'histogram'"),
    };

    private static MatchType ReadMatchType(YamlNode node) => Scalar(node) switch
    {
        "" or "glob" => MatchType.Glob,
        "regex" => MatchType.Regex,
        var other => throw Error(node, $"invalid match_type '{other}'", "use 'glob' or 'regex'"),
    };

    private static bool ReadBool(YamlNode node) => Scalar(node).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "y" => true,
        "false" or "no" or "off" or "n" or "" => false,
        var other => throw Error(node, $"'{other}' is not a boolean", "use true or false"),
    };

    private static double ReadFloat(YamlNode node)
    {
        var text = Scalar(node);
        var value = text.ToLowerInvariant() switch
        {
            ".inf" or "+.inf" => double.PositiveInfinity,
            "-.inf" => double.NegativeInfinity,
            ".nan" => double.NaN,
            _ => GoFloat.TryParse(text, out var v) ? v : throw Error(node, $"'{text}' is not a number"),
        };
        return value;
    }

    private static int ReadCount(YamlNode node)
    {
        var text = Scalar(node);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error(node, $"'{text}' is not a non-negative whole number");
    }

    private static TimeSpan ReadDuration(YamlNode node)
    {
        var text = Scalar(node);
        TimeSpan duration;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any }
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nanoseconds))
            duration = TimeSpan.FromTicks(nanoseconds / 100); // A bare YAML integer is nanoseconds, as upstream decodes it.
        else if (!GoDuration.TryParse(text, out duration))
            throw Error(node, $"invalid duration '{text}'", "write a number with a unit: 30s, 5m, 1h30m");
        if (duration < TimeSpan.Zero)
            throw Error(node, $"duration '{text}' is negative");
        return duration;
    }

    private static string Key(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, "keys must be plain strings");

    private static string Scalar(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        _ => throw Error(node, "expected a single value here, not a list or mapping"),
    };

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Value is null or "" or "~" or "null";

    private static bool IsLabelName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name.StartsWith("__", StringComparison.Ordinal))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }

        return true;
    }

    /// <summary><c>^([a-zA-Z_]|\$\{?\d+\}?)([a-zA-Z0-9_]|\$\{?\d+\}?)*$</c>.</summary>
    private static bool IsNameTemplate(string name)
    {
        var i = 0;
        var first = true;
        while (i < name.Length)
        {
            var c = name[i];
            if (c == '$')
            {
                var j = i + 1;
                if (j < name.Length && name[j] == '{')
                    j++;
                var digits = j;
                while (j < name.Length && char.IsAsciiDigit(name[j]))
                    j++;
                if (j == digits)
                    return false;
                if (j < name.Length && name[j] == '}')
                    j++;
                i = j;
            }
            else if (char.IsAsciiLetter(c) || c == '_' || (!first && char.IsAsciiDigit(c)))
            {
                i++;
            }
            else
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    private static bool IsGlobComponent(string component, bool isFirst)
    {
        if (component == "*")
            return true;
        if (component.Length == 0 || (isFirst && (char.IsAsciiDigit(component[0]) || component[0] == '-')) || component[0] == '-')
            return false;
        foreach (var c in component)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
                return false;
        }

        return true;
    }

    private static MappingConfigException Error(YamlNode node, string reason, string? hint = null) =>
        new(reason, (int)node.Start.Line, (int)node.Start.Column, hint);
}

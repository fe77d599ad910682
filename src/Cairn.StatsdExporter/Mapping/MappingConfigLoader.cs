using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// Reads upstream's mapping config (YAML <c>defaults</c> and <c>mappings</c>, docs/statsd-exporter.md) with YamlDotNet's node API, validates
/// every rule and resolves defaults into it. The first problem found is thrown as a <see cref="MappingConfigException"/>
/// that names the line. Unknown keys are ignored with a warning, as v0.26.0 ignores them.
/// One rule is read in MappingConfigLoader.Mappings.cs, its summary and histogram options in
/// MappingConfigLoader.RawOptions.cs, scalars in MappingConfigLoader.Scalars.cs, names and globs in MappingConfigLoader.Names.cs.
/// </summary>
public static partial class MappingConfigLoader
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
}

using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// Finds the rule for a StatsD metric with upstream's precedence: glob rules first (through the trie), then regex rules in
/// file order, each respecting <c>match_metric_type</c>; expands the name and label templates; escapes the name.
/// Results are cached when a cache is given. Not thread-safe: the exporter loop owns it.
/// </summary>
public sealed class MetricMapper
{
    private readonly GlobTrie _globs;
    private readonly MetricMapping[] _regexes;
    private readonly MappingCache? _cache;

    /// <summary>Creates a mapper for <paramref name="config"/>; <paramref name="cache"/> may be null (cache size 0).</summary>
    public MetricMapper(MappingConfig config, MappingCache? cache)
    {
        Config = config;
        _cache = cache;
        _globs = new GlobTrie(config.Mappings, ordered: !config.Defaults.GlobDisableOrdering);
        _regexes = config.Mappings.Where(m => m.MatchType == MatchType.Regex).ToArray();
    }

    /// <summary>The config this mapper applies.</summary>
    public MappingConfig Config { get; }

    /// <summary>The mapping result for one event's name and kind.</summary>
    public MappingResult Map(string statsdName, EventKind kind)
    {
        if (_cache is not null && _cache.TryGet(kind, statsdName, out var cached))
            return cached;
        var result = Compute(statsdName, kind);
        _cache?.Add(kind, statsdName, result);
        return result;
    }

    private MappingResult Compute(string statsdName, EventKind kind)
    {
        var index = _globs.Match(statsdName, kind, out var captures);
        if (index >= 0)
        {
            var mapping = Config.Mappings[index];
            var labels = new Label[mapping.Labels.Count];
            for (var i = 0; i < labels.Length; i++)
                labels[i] = new Label(mapping.Labels[i].Key, mapping.GlobLabels![i].Expand(captures));
            return new MappingResult(mapping, MetricNameEscaper.Escape(mapping.GlobName!.Expand(captures)), labels);
        }

        foreach (var mapping in _regexes)
        {
            var match = mapping.Regex!.Match(statsdName);
            if (match is null)
                continue;
            var name = mapping.RegexName!.Expand(mapping.Regex, match);
            if (mapping.MatchMetricType is { } only && only != kind)
                continue;
            var labels = new Label[mapping.Labels.Count];
            for (var i = 0; i < labels.Length; i++)
                labels[i] = new Label(mapping.Labels[i].Key, mapping.RegexLabels![i].Expand(mapping.Regex, match));
            return new MappingResult(mapping, MetricNameEscaper.Escape(name), labels);
        }

        return new MappingResult(null, MetricNameEscaper.Escape(statsdName), []);
    }
}

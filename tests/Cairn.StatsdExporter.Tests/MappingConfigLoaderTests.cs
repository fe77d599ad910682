using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;

namespace Cairn.StatsdExporter.Tests;

/// <summary>Loading and validating mapping configs (upstream's TestMetricMapperYAML).</summary>
public sealed class MappingConfigLoaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("---\n")]
    [InlineData("mappings:\n")]
    [InlineData("defaults:\nmappings: []\n")]
    public void Load_EmptyConfig_HasNoMappings(string yaml)
    {
        var config = MappingConfigLoader.Load(yaml);

        Assert.Empty(config.Mappings);
        Assert.Equal(SummaryOptions.Default.Objectives, config.Defaults.SummaryOptions.Objectives);
    }

    [Fact]
    public void Load_FullRule_ResolvesEveryField()
    {
        var config = MappingConfigLoader.Load("""
            defaults:
              ttl: 45s
              observer_type: histogram
              histogram_options:
                buckets: [0.1, 1, 10]
            mappings:
            - match: test.*.*
              name: "test_${1}_total"
              labels:
                second: "$2"
                job: fixed
              help: Some help
              honor_labels: true
              match_metric_type: counter
              scale: 1e-3
            - match: "timer.*"
              name: timer
              observer_type: summary
              summary_options:
                quantiles:
                  - quantile: 0.99
                    error: 0.001
                  - quantile: 0.5
                    error: 0.05
                max_age: 5m
            """);

        var rule = config.Mappings[0];
        Assert.Equal("test.*.*", rule.Match);
        Assert.Equal(Mapping.MatchType.Glob, rule.MatchType);
        Assert.Equal([new("second", "$2"), new("job", "fixed")], rule.Labels);
        Assert.Equal("Some help", rule.Help);
        Assert.True(rule.HonorLabels);
        Assert.Equal(EventKind.Counter, rule.MatchMetricType);
        Assert.Equal(0.001, rule.Scale);
        Assert.Equal(TimeSpan.FromSeconds(45), rule.Ttl);
        Assert.Equal(ObserverType.Histogram, rule.ObserverType);
        Assert.Equal([0.1, 1, 10], rule.HistogramOptions.Buckets);
        Assert.Equal(7, rule.Line);

        var timer = config.Mappings[1];
        Assert.Equal(ObserverType.Summary, timer.ObserverType);
        Assert.Equal([new Objective(0.5, 0.05), new Objective(0.99, 0.001)], timer.SummaryOptions.Objectives);
        Assert.Equal(TimeSpan.FromMinutes(5), timer.SummaryOptions.MaxAge);
        Assert.Equal(5, timer.SummaryOptions.AgeBuckets);
        Assert.Equal(500, timer.SummaryOptions.BufferCapacity);
    }

    [Fact]
    public void Load_PartialSummaryOptions_FillsTheRestFromDefaults()
    {
        var config = MappingConfigLoader.Load("""
            defaults:
              summary_options:
                quantiles: [{quantile: 0.75, error: 0.01}]
                max_age: 1m
                age_buckets: 2
            mappings:
            - match: a.b
              name: ab
              summary_options:
                age_buckets: 7
            """);

        var options = config.Mappings[0].SummaryOptions;
        Assert.Equal([new Objective(0.75, 0.01)], options.Objectives);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxAge);
        Assert.Equal(7, options.AgeBuckets);
    }

    [Theory]
    [InlineData("ttl: 0", 0L)]
    [InlineData("ttl: 30", 0L)] // a bare integer is nanoseconds: 30 ns rounds down to 0 ticks
    [InlineData("ttl: 3000", 30L)]
    [InlineData("ttl: 1m", 600_000_000L)]
    public void Load_Ttl_FollowsUpstreamDecoding(string line, long ticks)
    {
        var config = MappingConfigLoader.Load($"mappings:\n- match: a.b\n  name: ab\n  {line}\n");

        Assert.Equal(ticks, config.Mappings[0].Ttl.Ticks);
    }

    [Fact]
    public void Load_MappingTtlZero_TakesTheDefaultTtl()
    {
        var config = MappingConfigLoader.Load("defaults:\n  ttl: 10s\nmappings:\n- match: a.b\n  name: ab\n  ttl: 0\n");

        Assert.Equal(TimeSpan.FromSeconds(10), config.Mappings[0].Ttl);
    }

    [Fact]
    public void Load_DeprecatedTimerType_StillWorksWithAWarning()
    {
        var config = MappingConfigLoader.Load("mappings:\n- match: a.b\n  name: ab\n  timer_type: histogram\n  match_metric_type: timer\n");

        Assert.Equal(ObserverType.Histogram, config.Mappings[0].ObserverType);
        Assert.Equal(EventKind.Observer, config.Mappings[0].MatchMetricType);
        Assert.Contains(config.Warnings, w => w.Contains("timer_type", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownKeys_AreIgnoredWithWarnings()
    {
        var config = MappingConfigLoader.Load("unknown_top: 1\nmappings:\n- match: a.b\n  name: ab\n  whatever: 3\n");

        Assert.Single(config.Mappings);
        Assert.Equal(2, config.Warnings.Count);
    }

    [Theory]
    [InlineData("mappings:\n- match: a.b\n", 2, "no metric 'name'")]
    [InlineData("mappings:\n- name: ab\n", 2, "no 'match'")]
    [InlineData("mappings:\n- match: a.b\n  name: a-b\n", 3, "invalid metric name 'a-b'")]
    [InlineData("mappings:\n- match: a.b\n  name: a:b\n", 3, "invalid metric name")]
    [InlineData("mappings:\n- match: prefix_*.b\n  name: ab\n", 2, "invalid match 'prefix_*.b'")]
    [InlineData("mappings:\n- match: 9a.b\n  name: ab\n", 2, "invalid match")]
    [InlineData("mappings:\n- match: a..b\n  name: ab\n", 2, "invalid match")]
    [InlineData("mappings:\n- match: '(unclosed'\n  match_type: regex\n  name: ab\n", 2, "invalid regex")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  match_type: fuzzy\n", 4, "invalid match_type 'fuzzy'")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  action: keep\n", 4, "invalid action 'keep'")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  observer_type: gauge\n", 4, "invalid observer type 'gauge'")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  match_metric_type: set\n", 4, "invalid match_metric_type 'set'")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  labels:\n    1x: v\n", 5, "invalid label name '1x'")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  labels:\n    __x: v\n", 5, "invalid label name '__x'")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  ttl: \"30\"\n", 4, "invalid duration '30'")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  observer_type: histogram\n  summary_options:\n    max_age: 1m\n", 2, "histogram rule cannot have summary options")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  observer_type: summary\n  histogram_options:\n    buckets: [1]\n", 2, "summary rule cannot have histogram options")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  histogram_options:\n    buckets: [1, 0.5]\n", 5, "strictly increasing")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  quantiles: [{quantile: 0.5, error: 0.1}]\n  summary_options:\n    quantiles: [{quantile: 0.9, error: 0.1}]\n", 6, "both at the top level")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  summary_options:\n    quantiles: [{quantile: 1.5, error: 0.1}]\n", 5, "outside 0..1")]
    [InlineData("mappings:\n- match: *.b\n  name: ab\n", 2, "invalid YAML")]
    [InlineData("mappings: 3\n", 1, "'mappings' must be a list")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  honor_labels: perhaps\n", 4, "not a boolean")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  scale: big\n", 4, "not a number")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  labels:\n    quantile: x\n", 5, "label 'quantile' is reserved")]
    [InlineData("mappings:\n- match: a.b\n  name: ab\n  match_metric_type: observer\n  labels:\n    job: j\n    quantile: x\n", 7, "to a summary")]
    [InlineData("defaults:\n  observer_type: histogram\nmappings:\n- match: a.b\n  name: ab\n  labels:\n    le: x\n", 7, "label 'le' is reserved")]
    [InlineData("mappings:\n- match: a\n  match_type: regex\n  name: ab\n  observer_type: histogram\n  labels:\n    le: x\n", 7, "to a histogram")]
    public void Load_BrokenConfig_NamesTheLine(string yaml, int line, string reason)
    {
        var e = Assert.Throws<MappingConfigException>(() => MappingConfigLoader.Load(yaml));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.True(line == e.Line, $"expected line {line}, got {e.Line}: {e.Message}");
        Assert.StartsWith($"cannot load mapping config f.yaml:{line}", e.Describe("f.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("test.99test.myapp.*")]
    [InlineData("a-b.c--d.*")]
    [InlineData("'*'")]
    [InlineData("\"*.foo\"")]
    [InlineData("_x.y")]
    public void Load_ValidGlobs_AreAccepted(string match)
    {
        var config = MappingConfigLoader.Load($"mappings:\n- match: {match}\n  name: x\n");

        Assert.Single(config.Mappings);
    }

    [Theory]
    [InlineData("  labels:\n    le: x\n")] // a summary has no 'le' of its own
    [InlineData("  observer_type: histogram\n  labels:\n    quantile: x\n")]
    [InlineData("  match_metric_type: counter\n  labels:\n    quantile: x\n")]
    [InlineData("  match_metric_type: gauge\n  observer_type: histogram\n  labels:\n    le: x\n")]
    [InlineData("  action: drop\n  labels:\n    quantile: x\n")]
    public void Load_QuantileOrLeLabelThatNoTimerMeets_IsAccepted(string rest)
    {
        var config = MappingConfigLoader.Load("mappings:\n- match: a.b\n  name: ab\n" + rest);

        Assert.Single(config.Mappings);
    }

    [Fact]
    public void Load_DropWithoutName_IsAccepted()
    {
        var config = MappingConfigLoader.Load("mappings:\n- match: a.*\n  action: drop\n");

        Assert.Equal(MappingAction.Drop, config.Mappings[0].Action);
    }
}

using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Tests;

/// <summary>Rule precedence, templates and the cache (upstream's TestMetricMapperYAML, TestAction, TestMultipleMatches).</summary>
public sealed class MetricMapperTests
{
    private static MappingResult Map(string yaml, string name, EventKind kind = EventKind.Counter) =>
        new MetricMapper(MappingConfigLoader.Load(yaml), null).Map(name, kind);

    private static string Describe(MappingResult r) =>
        (r.Mapping is null ? "unmapped " : "") + r.MetricName + (r.Labels.Length == 0 ? "" : "{" + string.Join(",", r.Labels.Select(l => l.Name + "=" + l.Value)) + "}");

    private const string Readme = """
        mappings:
        - match: "test.dispatcher.*.*.*"
          name: "dispatcher_events_total"
          labels:
            processor: "$1"
            action: "$2"
            outcome: "$3"
            job: "test_dispatcher"
        - match: "*.signup.*.*"
          name: "signup_events_total"
          labels:
            provider: "$2"
            outcome: "$3"
            job: "${1}_server"
        """;

    [Theory]
    [InlineData("test.dispatcher.FooProcessor.send.success", "dispatcher_events_total{processor=FooProcessor,action=send,outcome=success,job=test_dispatcher}")]
    [InlineData("foo_product.signup.facebook.failure", "signup_events_total{provider=facebook,outcome=failure,job=foo_product_server}")]
    [InlineData("test.dispatcher.FooProcessor.send", "unmapped test_dispatcher_FooProcessor_send")]
    [InlineData("a..b.c", "unmapped a__b_c")]
    public void Map_ReadmeExample(string name, string expected) => Assert.Equal(expected, Describe(Map(Readme, name)));

    [Theory]
    [InlineData("$1_total", "")]
    [InlineData("${1}_total", "aa_total")]
    [InlineData("pre_$1_post", "pre_")]
    [InlineData("$1x", "")]
    [InlineData("$1$2", "")]
    [InlineData("${1}${2}", "aabb")]
    [InlineData("x$0", "x")]
    [InlineData("x${name}", "x")]
    [InlineData("x$3", "x")]
    [InlineData("x_${2}_$1", "x_bb_aa")]
    public void Map_GlobTemplate_FollowsUpstreamRules(string template, string expected)
    {
        var r = Map($"mappings:\n- match: m.*.*\n  name: keep\n  labels:\n    out: \"{template}\"\n", "m.aa.bb");

        Assert.Equal(expected, r.Labels[0].Value);
    }

    [Fact]
    public void Map_GlobComponentAfterTheFirstMayStartWithADigit()
    {
        // Upstream's "segments starting with numbers" (#328): only the first component must not start with a digit.
        var r = Map("mappings:\n- match: test.99test.myapp.*\n  name: myapp_${1}\n", "test.99test.myapp.x");

        Assert.Equal("myapp_x", Describe(r));
    }

    [Fact]
    public void Map_SingleStarMatchesOneComponentOnly()
    {
        const string yaml = "mappings:\n- match: \"*\"\n  name: single_${1}\n";

        Assert.Equal("single_a", Describe(Map(yaml, "a")));
        Assert.Equal("unmapped a_b", Describe(Map(yaml, "a.b")));
    }

    [Fact]
    public void Map_GlobCaptureMatchesAnEmptyComponent()
    {
        var r = Map("mappings:\n- match: a.*.b\n  name: x_${1}_y\n", "a..b");

        Assert.Equal("x__y", r.MetricName);
    }

    [Fact]
    public void Map_FirstMatchingGlobInFileOrderWins()
    {
        const string yaml = "mappings:\n- match: a.*.c\n  name: first\n- match: a.b.c\n  name: second\n- match: a.b.*\n  name: third\n";

        Assert.Equal("first", Map(yaml, "a.b.c").MetricName);
        Assert.Equal("third", Map(yaml, "a.b.d").MetricName);
    }

    [Fact]
    public void Map_DisabledOrdering_PrefersLiteralComponentsLeftToRight()
    {
        const string yaml = "defaults:\n  glob_disable_ordering: true\nmappings:\n- match: a.*.c\n  name: first\n- match: a.b.*\n  name: second\n";

        Assert.Equal("second", Map(yaml, "a.b.c").MetricName);
        Assert.Equal("first", Map(yaml, "a.x.c").MetricName);
    }

    [Fact]
    public void Map_PrefixPatternAfterLongerOne_StillMatches()
    {
        // Upstream's trie never matches a.b here (a bug there); we do.
        const string yaml = "mappings:\n- match: a.b.c\n  name: abc\n- match: a.b\n  name: ab\n";

        Assert.Equal("ab", Map(yaml, "a.b").MetricName);
        Assert.Equal("abc", Map(yaml, "a.b.c").MetricName);
    }

    [Fact]
    public void Map_MatchMetricType_SelectsRulePerKind()
    {
        const string yaml = "mappings:\n- match: m.*\n  name: gauge_$1\n  match_metric_type: gauge\n- match: m.*\n  name: any_$1\n";

        Assert.Equal("gauge_x", Map(yaml, "m.x", EventKind.Gauge).MetricName);
        Assert.Equal("any_x", Map(yaml, "m.x", EventKind.Counter).MetricName);
        Assert.Equal("any_x", Map(yaml, "m.x", EventKind.Observer).MetricName);
    }

    [Fact]
    public void Map_GlobBeforeRegexRegardlessOfFileOrder()
    {
        const string yaml = "mappings:\n- match: .*\n  match_type: regex\n  name: regex\n- match: a.b\n  name: glob\n";

        Assert.Equal("glob", Map(yaml, "a.b").MetricName);
        Assert.Equal("regex", Map(yaml, "c.d").MetricName);
    }

    [Theory]
    [InlineData("(.*)\\.(.*)", "${1}_$2", "aa_bb")]
    [InlineData("(.*)\\.(.*)", "$1x", "")]
    [InlineData("(?P<first>.*)\\.(?P<second>.*)", "${second}_$first", "bb_aa")]
    [InlineData("(?P<first>[a-z]+)\\.(b+)", "n_${2}_$1", "n_bb_aa")]
    [InlineData("a(z)?\\.(b+)", "n${1}_$2", "n_bb")]
    [InlineData("a+", "x_$0", "x_aa")]
    [InlineData("a+", "x$$y", "x_y")]
    public void Map_RegexTemplate_FollowsGoExpand(string pattern, string name, string expected)
    {
        var yaml = $"mappings:\n- match: '{pattern}'\n  match_type: regex\n  name: keep\n  labels:\n    out: '{name}'\n";

        Assert.Equal(expected, MetricNameEscaper.Escape(Map(yaml, "aa.bb").Labels[0].Value));
    }

    [Fact]
    public void Map_RegexIsUnanchoredAndTriedInOrderWithTypeCheck()
    {
        const string yaml = "mappings:\n- match: b\n  match_type: regex\n  name: first\n  match_metric_type: gauge\n- match: b\n  match_type: regex\n  name: second\n";

        Assert.Equal("first", Map(yaml, "abc", EventKind.Gauge).MetricName);
        Assert.Equal("second", Map(yaml, "abc", EventKind.Counter).MetricName);
        Assert.Null(Map(yaml, "xyz").Mapping);
    }

    [Fact]
    public void Map_DropAction_IsReturnedWithTheRule()
    {
        const string yaml = "mappings:\n- match: keep.*\n  name: kept\n- match: .\n  match_type: regex\n  action: drop\n  name: dropped\n";

        Assert.Equal(MappingAction.Map, Map(yaml, "keep.a").Mapping!.Action);
        Assert.Equal(MappingAction.Drop, Map(yaml, "other").Mapping!.Action);
    }

    [Fact]
    public void Map_Cache_CountsGetsHitsAndEvictsLeastRecentlyUsed()
    {
        var telemetry = new ExporterTelemetry(true, "t", "t");
        var cache = new MappingCache(2, random: false, telemetry);
        var mapper = new MetricMapper(MappingConfigLoader.Load("mappings:\n- match: a.*\n  name: a_$1\n"), cache);

        mapper.Map("a.x", EventKind.Counter);
        mapper.Map("a.y", EventKind.Counter);
        mapper.Map("a.x", EventKind.Counter);
        mapper.Map("a.z", EventKind.Counter); // evicts a.y
        mapper.Map("a.y", EventKind.Counter);
        mapper.Map("a.x", EventKind.Gauge); // another kind is another key

        Assert.Equal(6, telemetry.CacheGets.Value);
        Assert.Equal(1, telemetry.CacheHits.Value);
        Assert.Equal(2, telemetry.CacheLength.Value);
    }

    [Fact]
    public void Map_RandomCache_StaysWithinCapacity()
    {
        var telemetry = new ExporterTelemetry(true, "t", "t");
        var cache = new MappingCache(10, random: true, telemetry);
        var mapper = new MetricMapper(MappingConfig.Empty, cache);
        for (var i = 0; i < 1000; i++)
            Assert.Equal($"m_{i}", mapper.Map($"m.{i}", EventKind.Counter).MetricName);

        Assert.Equal(10, cache.Count);
    }
}

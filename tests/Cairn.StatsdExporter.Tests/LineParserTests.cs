using System.Globalization;
using System.Text;
using Cairn.Daemon;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Metrics;
using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>Upstream's pkg/line scenarios as a table: line in, events and counters out.</summary>
public sealed class LineParserTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // line, expected events ("kind name value [rel] {k=v,...}" joined by "; "), expected error counters
        { "", "", "" },
        { "foo:2|c", "Counter foo 2", "" },
        { "foo:3|g", "Gauge foo 3", "" },
        { "foo:200|ms", "Observer foo 0.2", "" },
        { "foo:200|h", "Observer foo 200", "" },
        { "foo:200|d", "Observer foo 200", "" },
        { "foo:100|g|@0.1", "Gauge foo 100", "" },
        { "foo:-10|g", "Gauge foo -10 rel", "" },
        { "foo:+10|g", "Gauge foo 10 rel", "" },
        { "foo:1|c|@0.1", "Counter foo 10", "" },
        { "foo:10|c|@0.3", "Counter foo 33.333333333333336", "" },
        { "foo:1|c|@2", "Counter foo 0.5", "" },
        { "foo:1|c|@0.5|@0.5", "Counter foo 4", "" },
        { "foo:200|ms|@0.5", "Observer foo 0.2; Observer foo 0.2", "" },
        { "foo:200|h|@0.3", "Observer foo 200; Observer foo 200; Observer foo 200", "" },
        { "foo:200|d|@2", "", "" },
        { "foo:1.235|ms", "Observer foo 0.0012350000000000002", "" },
        { "foo:1|c:2|c:3|c", "Counter foo 1; Counter foo 2; Counter foo 3", "" },
        { "foo:1e3|g", "Gauge foo 1000", "" },
        { "foo:NaN|g", "Gauge foo NaN", "" },
        { "foo:+Inf|g", "Gauge foo Infinity rel", "" },
        // Librato, InfluxDB, SignalFX
        { "foo#tag1=bar,tag2=baz:100|c", "Counter foo 100 {tag1=bar,tag2=baz}", "" },
        { "foo,tag1=bar,tag2=baz:100|c", "Counter foo 100 {tag1=bar,tag2=baz}", "" },
        { "foo.[tag1=bar,tag2=baz]test:100|c", "Counter foo.test 100 {tag1=bar,tag2=baz}", "" },
        { "foo[tag1=bar,tag2=baz]:100|c", "Counter foo 100 {tag1=bar,tag2=baz}", "" },
        { "[tag1=bar,tag2=baz]foo:100|c", "Counter foo 100 {tag1=bar,tag2=baz}", "" },
        { "foo.[]test:100|c", "Counter foo.test 100", "" },
        { "foo.[tag1,tag2=baz]test:100|c", "Counter foo.test 100 {tag2=baz}", "tag_errors=1" },
        { "foo.[tag1=bar,tag2=baztest:100|c", "Counter foo.[tag1=bar,tag2=baztest 100", "tag_errors=1" },
        { "foo.tag1=bar,tag2=baz]test:100|c", "Counter foo.tag1=bar,tag2=baz]test 100", "tag_errors=1" },
        // Upstream crashes on ']' before '['; we keep the name and count a tag error.
        { "foo]bar[baz:1|c", "Counter foo]bar[baz 1", "tag_errors=1" },
        // DogStatsD
        { "foo:100|c|#tag1:bar,tag2:baz", "Counter foo 100 {tag1=bar,tag2=baz}", "" },
        { "foo:100|c|#tag1:bar,#tag2:baz", "Counter foo 100 {tag1=bar,tag2=baz}", "" },
        { "foo:100|c|#09digits:0,tag.with.dots:1", "Counter foo 100 {_09digits=0,tag_with_dots=1}", "" },
        { "foo:100|c|#tag:value,,", "Counter foo 100 {tag=value}", "tag_errors=1" },
        { "foo:100|c|#flag", "Counter foo 100", "tag_errors=1" },
        { "foo:100|c|#", "Counter foo 100", "" },
        { "foo:100|c|@0.1|#tag1:bar", "Counter foo 1000 {tag1=bar}", "" },
        { "foo:100|c|#tag1:foo:bar", "Counter foo 100 {tag1=foo:bar}", "" },
        { "foo:100|c|#a-b:x,a-b:y", "Counter foo 100 {a_b=y}", "" },
        { "foo:100|c|#tag:\"quoted\\value\"", "Counter foo 100 {tag=\"quoted\\value\"}", "" },
        // Mixed styles
        { "foo#tag1=bar:100|c|#tag2:baz", "", "mixed_tagging_styles=1" },
        { "foo,tag1=bar:100|c|@0.1|#tag2:baz", "", "mixed_tagging_styles=1" },
        { "foo[tag1=bar]:100|c|#tag2:baz", "", "mixed_tagging_styles=1" },
        // Errors
        { "foo", "", "malformed_line=1" },
        { ":1|c", "", "malformed_line=1" },
        { "foo:1", "", "malformed_component=1" },
        { "foo:1|c|@1|#a:b|x", "", "malformed_component=1" },
        { "foo:1|c|", "", "malformed_component=1" },
        { "foo:bar|c", "", "malformed_value=1" },
        { "foo: 1|c", "", "malformed_value=1" },
        { "foo:0x10|c", "", "malformed_value=1" },
        { "foo:1e400|g", "", "malformed_value=1" },
        { "foo:1|c|@bar", "Counter foo 1", "invalid_sample_factor=1" },
        { "foo:1|c|@0", "Counter foo 1", "" },
        { "foo:1|c|x", "Counter foo 1", "invalid_sample_factor=1" },
        { "foo:1|s", "", "illegal_event=1" },
        { "foo:1|zz", "", "illegal_event=1" },
        { "foo:1|c\r", "", "illegal_event=1" },
        { "foo:1|c:bad|c:2|c", "Counter foo 1; Counter foo 2", "malformed_value=1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseLine_UpstreamScenario_GivesEventsAndCounters(string line, string expectedEvents, string expectedErrors)
    {
        var telemetry = new ExporterTelemetry(false, "t", "t");
        var events = new List<Event>();
        new LineParser(TagStyles.All, telemetry, Logger.None).ParseLineBytes(Encoding.UTF8.GetBytes(line), "udp", events);

        Assert.Equal(expectedEvents, string.Join("; ", events.Select(Describe)));
        Assert.Equal(expectedErrors, Errors(telemetry));
    }

    [Fact]
    public void ParsePacket_MultipleLines_CountsEveryLineIncludingTheEmptyLast()
    {
        var telemetry = new ExporterTelemetry(false, "t", "t");
        var events = new List<Event>();
        new LineParser(TagStyles.All, telemetry, Logger.None).ParsePacket("a:1|c\nb:2|c\n"u8, "udp", events);

        Assert.Equal("Counter a 1; Counter b 2", string.Join("; ", events.Select(Describe)));
        Assert.Equal(3, telemetry.LinesTotal.Value);
        Assert.Equal(2, telemetry.SamplesTotal.Value);
    }

    [Fact]
    public void ParsePacket_InvalidUtf8_IsAMalformedLineAndOtherLinesSurvive()
    {
        var telemetry = new ExporterTelemetry(false, "t", "t");
        var events = new List<Event>();
        byte[] packet = [.. "ok:1|c\n"u8, (byte)'b', 0xff, 0xfe, (byte)':', (byte)'1', (byte)'|', (byte)'c'];
        new LineParser(TagStyles.All, telemetry, Logger.None).ParsePacket(packet, "udp", events);

        Assert.Equal("Counter ok 1", string.Join("; ", events.Select(Describe)));
        Assert.Equal(1, telemetry.SampleErrors.Get("malformed_line"));
    }

    private const string LibratoMixed = "foo#tag1=foo,tag3=bing:100|c|#tag1:bar,#tag2:baz";
    private const string SignalFXMixed = "foo[tag1=foo,tag3=bing]:100|c|#tag1:bar,#tag2:baz";
    private const string InfluxDBMixed = "foo,tag1=foo,tag3=bing:100|c|#tag1:bar,#tag2:baz";
    private const string MixedWithSampling = "foo#tag1=foo,tag3=bing:100|c|@0.1|#tag1:bar,#tag2:baz";
    private const string SignalFXInTheMiddle = "foo.[tag1=bar,tag2=baz]test:100|c";
    private const string Mixed = "mixed_tagging_styles=1";

    // Upstream's TestDisableParsing*LineToEvents: a disabled style leaves its syntax in the name, where another style may
    // still find tags; the mixed-styles check looks only at whether the name gave labels and the rest holds "|#".
    [Theory]
    [InlineData(TagStyles.All & ~TagStyles.DogStatsD, "foo:100|c|#tag1:bar", "Counter foo 100", "")]
    [InlineData(TagStyles.All & ~TagStyles.DogStatsD, LibratoMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.DogStatsD, SignalFXMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.DogStatsD, InfluxDBMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.DogStatsD, MixedWithSampling, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.DogStatsD, SignalFXInTheMiddle, "Counter foo.test 100 {tag1=bar,tag2=baz}", "")]
    [InlineData(TagStyles.All & ~TagStyles.InfluxDB, "foo,tag1=bar:100|c", "Counter foo,tag1=bar 100", "")]
    [InlineData(TagStyles.All & ~TagStyles.InfluxDB, LibratoMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.InfluxDB, SignalFXMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.InfluxDB, InfluxDBMixed, "Counter foo,tag1=foo,tag3=bing 100 {tag1=bar,tag2=baz}", "")]
    [InlineData(TagStyles.All & ~TagStyles.InfluxDB, MixedWithSampling, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.InfluxDB, SignalFXInTheMiddle, "Counter foo.test 100 {tag1=bar,tag2=baz}", "")]
    [InlineData(TagStyles.All & ~TagStyles.Librato, "foo#tag1=bar:100|c", "Counter foo#tag1=bar 100", "")]
    [InlineData(TagStyles.All & ~TagStyles.Librato, "foo#tag1=bar,tag2=baz:100|c", "Counter foo#tag1=bar 100 {tag2=baz}", "")]
    [InlineData(TagStyles.All & ~TagStyles.Librato, LibratoMixed, "", Mixed)] // InfluxDB finds tag3=bing
    [InlineData(TagStyles.All & ~TagStyles.Librato, SignalFXMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.Librato, InfluxDBMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.Librato, MixedWithSampling, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.Librato, SignalFXInTheMiddle, "Counter foo.test 100 {tag1=bar,tag2=baz}", "")]
    [InlineData(TagStyles.All & ~TagStyles.SignalFX, "foo[tag1=bar]:100|c", "Counter foo[tag1=bar] 100", "")]
    [InlineData(TagStyles.All & ~TagStyles.SignalFX, LibratoMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.SignalFX, SignalFXMixed, "", Mixed)] // InfluxDB finds tag3="bing]"
    [InlineData(TagStyles.All & ~TagStyles.SignalFX, InfluxDBMixed, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.SignalFX, MixedWithSampling, "", Mixed)]
    [InlineData(TagStyles.All & ~TagStyles.SignalFX, SignalFXInTheMiddle, "Counter foo.[tag1=bar 100 {tag2=baz]test}", "")]
    public void ParseLine_StyleDisabled_LeavesItsSyntaxToTheOtherStyles(TagStyles styles, string line, string expectedEvents, string expectedErrors)
    {
        var telemetry = new ExporterTelemetry(false, "t", "t");
        var events = new List<Event>();
        new LineParser(styles, telemetry, Logger.None).ParseLineBytes(Encoding.UTF8.GetBytes(line), "udp", events);

        Assert.Equal(expectedEvents, string.Join("; ", events.Select(Describe)));
        Assert.Equal(expectedErrors, Errors(telemetry));
    }

    // Upstream's "datadog tag extension with (both valid and) invalid utf8 tag values": the whole line is not UTF-8, so it
    // is a malformed line and no sample is counted.
    [Theory]
    [InlineData("foo:100|c|@0.1|#tag:", "invalid")]
    [InlineData("foo:100|c|@0.1|#tag1:valid,tag2:", "invalid")]
    public void ParseLine_InvalidUtf8InDogStatsDTagValue_DropsTheLine(string before, string after)
    {
        var telemetry = new ExporterTelemetry(false, "t", "t");
        var events = new List<Event>();
        byte[] line = [.. Encoding.ASCII.GetBytes(before), 0xc3, 0x28, .. Encoding.ASCII.GetBytes(after)];
        new LineParser(TagStyles.All, telemetry, Logger.None).ParseLineBytes(line, "udp", events);

        Assert.Empty(events);
        Assert.Equal("malformed_line=1", Errors(telemetry));
        Assert.Equal(0, telemetry.SamplesTotal.Value);
    }

    [Theory]
    [InlineData(LogLevel.Debug, true)]
    [InlineData(LogLevel.Info, false)]
    public void ParsePacket_BadLine_IsLoggedAtDebugLevelOnly(LogLevel level, bool logged)
    {
        var output = new StringWriter();
        var parser = new LineParser(TagStyles.All, new ExporterTelemetry(false, "t", "t"), new Logger(output, level, new ManualClock(), LogFormat.Logfmt));

        parser.ParsePacket("x:1|zz\nbad"u8, "udp", []);

        var log = output.ToString();
        Assert.Equal(logged, log.Contains("level=debug msg=\"Bad StatsD line\" reason=illegal_event line=x:1|zz ", StringComparison.Ordinal));
        Assert.Equal(logged, log.Contains("level=debug msg=\"Bad StatsD line\" reason=malformed_line line=bad ", StringComparison.Ordinal));
        if (!logged)
            Assert.Equal("", log);
    }

    [Theory]
    [InlineData("foo:1|ms|@0.001", 1000)]
    [InlineData("foo:1|h|@0.0001", 10000)]
    [InlineData("foo:1|d|@0.00002", 49999)] // 1/0.00002 is 49999.99… in binary floating point; Go's int() truncates it too
    public void ParseLine_SmallSampleRate_RepeatsAsUpstream(string line, int expected)
    {
        var events = new List<Event>();
        new LineParser(TagStyles.All, new ExporterTelemetry(false, "t", "t"), Logger.None).ParseLine(line, events);

        Assert.Equal(expected, events.Count);
    }

    [Theory]
    [InlineData("foo:1|ms|@0.000000001")]
    [InlineData("foo:1|ms|@1e-300")]
    public void ParseLine_AbsurdSampleRate_RepeatsOneSharedEventAtMostTheCap(string line)
    {
        var events = new List<Event>();
        new LineParser(TagStyles.All, new ExporterTelemetry(false, "t", "t"), Logger.None).ParseLine(line, events);

        Assert.Equal(LineParser.MaxRepeats, events.Count);
        Assert.All(events, e => Assert.Same(events[0], e));
    }

    [Fact]
    public void ParseLine_TagCountsOncePerSampleWithLabels()
    {
        var telemetry = new ExporterTelemetry(false, "t", "t");
        var parser = new LineParser(TagStyles.All, telemetry, Logger.None);
        var events = new List<Event>();
        parser.ParseLine("foo,a=b:1|c:2|c", events);
        parser.ParseLine("bar:1|c", events);

        Assert.Equal(2, telemetry.TagsTotal.Value);
    }

    private static string Describe(Event e)
    {
        var sb = new StringBuilder();
        sb.Append(e.Kind).Append(' ').Append(e.MetricName).Append(' ').Append(e.Value.ToString(CultureInfo.InvariantCulture));
        if (e.IsRelative)
            sb.Append(" rel");
        if (e.Labels.Length > 0)
            sb.Append(" {").Append(string.Join(",", e.Labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => l.Name + "=" + l.Value))).Append('}');
        return sb.ToString();
    }

    private static string Errors(ExporterTelemetry telemetry)
    {
        var parts = ExporterTelemetry.SampleErrorReason.All
            .Where(r => telemetry.SampleErrors.Get(r) > 0)
            .Select(r => $"{r}={telemetry.SampleErrors.Get(r)}")
            .ToList();
        if (telemetry.TagErrors.Value > 0)
            parts.Add($"tag_errors={telemetry.TagErrors.Value}");
        return string.Join(",", parts);
    }
}

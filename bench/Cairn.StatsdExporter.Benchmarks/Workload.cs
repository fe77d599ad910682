using System.Text;
using Cairn.Daemon;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Benchmarks;

/// <summary>The inputs the benchmarks share: the rock's mapping, gunicorn's lines, upstream's mixed line set.</summary>
public static class Workload
{
    /// <summary>The flask rock's statsd-mapping.conf (spec §6.2).</summary>
    public const string RockMapping = """
        mappings:
          - match: "gunicorn.request.status.*"
            name: "flask_response_code"
            labels:
              status: "$1"
          - match: "gunicorn.requests"
            name: "flask_requests"
          - match: "gunicorn.request.duration"
            name: "flask_request_duration"
        """;

    /// <summary>What gunicorn sends per request, one line each.</summary>
    public static readonly string[] GunicornLines =
    [
        "gunicorn.request.duration:1.338|ms",
        "gunicorn.requests:1|c|@1.0",
        "gunicorn.request.status.200:1|c|@1.0",
    ];

    /// <summary>A mix like upstream's BenchmarkLineToEventsMixed set: plain, sampled, each tag style, and bad lines.</summary>
    public static readonly string[] MixedLines =
    [
        "foo1:2|c",
        "foo2:3|g",
        "foo3:200|ms",
        "foo4:100|c|#tag1:bar,tag2:baz",
        "foo5:100|c|#tag1:bar,#tag2:baz",
        "foo6:100|c|#09digits:0,tag.with.dots:1",
        "foo10:100|c|@0.1|#tag1:bar,#tag2:baz",
        "foo11:100|c|@0.1|#tag1:foo:bar",
        "foo.[foo=bar,dim=val]test:1|g",
        "foo15:200|ms:300|ms:5|c|@0.1:6|g\nfoo15a:1|c:5|ms",
        "some_very_useful_metrics_with_quite_a_log_name:13|c",
    ];

    /// <summary>Ten glob rules like upstream's Glob10Rules benchmark.</summary>
    public static string TenGlobRules()
    {
        var sb = new StringBuilder("mappings:\n");
        for (var i = 0; i < 10; i++)
            sb.Append($"- match: test{i}.dispatcher.*.*.*\n  name: dispatch_events_{i}\n  labels:\n    processor: \"$1\"\n    action: \"$2\"\n    result: \"$3\"\n");
        return sb.ToString();
    }

    /// <summary>Ten regex rules like upstream's Regex10RulesAverage benchmark.</summary>
    public static string TenRegexRules()
    {
        var sb = new StringBuilder("mappings:\n");
        for (var i = 0; i < 10; i++)
            sb.Append($"- match: 'test{i}\\.dispatcher\\.([^.]*)\\.([^.]*)\\.([^.]*)'\n  match_type: regex\n  name: dispatch_events_{i}\n  labels:\n    processor: \"$1\"\n    action: \"$2\"\n    result: \"$3\"\n");
        return sb.ToString();
    }

    /// <summary>A parser, mapper and exporter wired as in the daemon, without sockets or threads.</summary>
    public sealed class InProcess
    {
        public InProcess(string mapping, int cacheSize = 1000)
        {
            Telemetry = new ExporterTelemetry(cacheSize > 0, "bench", "bench");
            var config = MappingConfigLoader.Load(mapping);
            Mapper = new MetricMapper(config, cacheSize > 0 ? new MappingCache(cacheSize, false, Telemetry) : null);
            Registry = new Registry(Telemetry);
            Exporter = new Exporter(Mapper, Registry, Telemetry, Logger.None, TimeProvider.System);
            Parser = new LineParser(TagStyles.All, Telemetry, Logger.None);
        }

        public ExporterTelemetry Telemetry { get; }

        public MetricMapper Mapper { get; }

        public Registry Registry { get; }

        public Exporter Exporter { get; }

        public LineParser Parser { get; }
    }
}

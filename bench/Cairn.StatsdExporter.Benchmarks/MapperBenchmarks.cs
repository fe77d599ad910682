using BenchmarkDotNet.Attributes;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Benchmarks;

/// <summary>Mapping one name, like upstream's pkg/mapper benchmarks (Glob10Rules 203 ns, cached ~78-98 ns, Regex10RulesAverage 908 ns here).</summary>
[MemoryDiagnoser]
public class MapperBenchmarks
{
    private MetricMapper _glob = null!;
    private MetricMapper _globCached = null!;
    private MetricMapper _regex = null!;
    private MetricMapper _regexCached = null!;

    [GlobalSetup]
    public void Setup()
    {
        var telemetry = new ExporterTelemetry(true, "bench", "bench");
        _glob = new MetricMapper(MappingConfigLoader.Load(Workload.TenGlobRules()), null);
        _globCached = new MetricMapper(MappingConfigLoader.Load(Workload.TenGlobRules()), new MappingCache(1000, false, telemetry));
        _regex = new MetricMapper(MappingConfigLoader.Load(Workload.TenRegexRules()), null);
        _regexCached = new MetricMapper(MappingConfigLoader.Load(Workload.TenRegexRules()), new MappingCache(1000, false, telemetry));
    }

    [Benchmark]
    public string Glob10Rules() => _glob.Map("test5.dispatcher.FooProcessor.send.success", EventKind.Counter).MetricName;

    [Benchmark]
    public string Glob10RulesCached() => _globCached.Map("test5.dispatcher.FooProcessor.send.success", EventKind.Counter).MetricName;

    [Benchmark]
    public string Regex10RulesAverage() => _regex.Map("test5.dispatcher.FooProcessor.send.success", EventKind.Counter).MetricName;

    [Benchmark]
    public string Regex10RulesAverageCached() => _regexCached.Map("test5.dispatcher.FooProcessor.send.success", EventKind.Counter).MetricName;
}

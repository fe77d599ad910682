using BenchmarkDotNet.Attributes;
using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Benchmarks;

/// <summary>Rendering <c>/metrics</c> with 100,000 series (1,000 families × 100 label values, plus 1,000 summaries).</summary>
[MemoryDiagnoser]
public class ScrapeBenchmarks
{
    private Workload.InProcess _pipeline = null!;
    private readonly ExpositionWriter _writer = new(16 * 1024 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new Workload.InProcess("", cacheSize: 0);
        var events = new List<Event>();
        for (var f = 0; f < 1000; f++)
        {
            for (var s = 0; s < 99; s++)
                _pipeline.Parser.ParseLine($"family_{f}.requests:{s}|c|#instance:host-{s},path:/api/v1/items/{f}", events);
            _pipeline.Parser.ParseLine($"family_{f}.latency:{f}|ms", events);
        }

        _pipeline.Exporter.Handle(events);
        if (_pipeline.Registry.FamilyCount != 2000)
            throw new InvalidOperationException("setup did not create the series");
    }

    [Benchmark]
    public int Scrape100kSeries()
    {
        _writer.Clear();
        lock (_pipeline.Registry.SyncRoot)
            _pipeline.Registry.WriteTo(_writer, DateTimeOffset.UtcNow);
        return _writer.Written.Length;
    }
}

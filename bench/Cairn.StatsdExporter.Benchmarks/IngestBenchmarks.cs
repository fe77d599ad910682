using System.Text;
using BenchmarkDotNet.Attributes;
using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Benchmarks;

/// <summary>
/// Lines parsed, mapped and applied to the registry in process, per operation (divide by the line count for per-line
/// cost). Upstream's exporter loop does about 1.1 M events/s on one core of this machine (spec §5.2).
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private readonly List<Event> _events = new(64);
    private byte[][] _gunicorn = [];
    private byte[][] _mixed = [];
    private Workload.InProcess _rock = null!;
    private Workload.InProcess _unmapped = null!;
    private Event[] _eventBatch = [];

    [GlobalSetup]
    public void Setup()
    {
        _rock = new Workload.InProcess(Workload.RockMapping);
        _unmapped = new Workload.InProcess("");
        _gunicorn = Workload.GunicornLines.Select(Encoding.ASCII.GetBytes).ToArray();
        _mixed = Workload.MixedLines.Select(Encoding.ASCII.GetBytes).ToArray();
        var events = new List<Event>();
        for (var i = 0; i < 8000; i++)
            _rock.Parser.ParseLine(Workload.GunicornLines[i % 3], events);
        _eventBatch = events.ToArray();
    }

    /// <summary>Parse only: gunicorn's three lines.</summary>
    [Benchmark]
    public int ParseGunicorn3Lines()
    {
        _events.Clear();
        foreach (var line in _gunicorn)
            _rock.Parser.ParseLineBytes(line, "udp", _events);
        return _events.Count;
    }

    /// <summary>Parse only: the 11-line mixed set (upstream's LineToEventsMixed measures 6.2 µs here).</summary>
    [Benchmark]
    public int ParseMixed11Lines()
    {
        _events.Clear();
        foreach (var line in _mixed)
            _rock.Parser.ParsePacket(line, "udp", _events);
        return _events.Count;
    }

    /// <summary>Parse, map (cached) and apply: gunicorn's three lines under the rock mapping.</summary>
    [Benchmark]
    public int ParseMapApplyGunicorn3Lines()
    {
        _events.Clear();
        foreach (var line in _gunicorn)
            _rock.Parser.ParseLineBytes(line, "udp", _events);
        _rock.Exporter.Handle(_events);
        return _events.Count;
    }

    /// <summary>Parse, map and apply: the mixed set, all unmapped.</summary>
    [Benchmark]
    public int ParseMapApplyMixed11Lines()
    {
        _events.Clear();
        foreach (var line in _mixed)
            _unmapped.Parser.ParsePacket(line, "udp", _events);
        _unmapped.Exporter.Handle(_events);
        return _events.Count;
    }

    /// <summary>The exporter loop alone: 8000 parsed events per operation, like upstream's BenchmarkExporterListener.</summary>
    [Benchmark]
    public int Apply8000Events()
    {
        _rock.Exporter.Handle(_eventBatch);
        return _eventBatch.Length;
    }
}

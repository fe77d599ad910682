using System.Diagnostics;
using System.Globalization;

namespace Cairn.StatsdExporter.Benchmarks;

/// <summary>
/// The in-process benchmarks measured in this thread's CPU time instead of wall-clock time: on a machine shared with
/// other builds, time spent waiting for a core does not count, so the per-core figure stays honest. Each benchmark
/// runs 5 rounds of about 1 CPU-second; the median round is reported. <c>dotnet run -c Release -- cpu [name filter]</c>.
/// </summary>
public static class CpuTime
{
    private static string _filter = "";

    public static int Run(string filter)
    {
        _filter = filter;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var ingest = new IngestBenchmarks();
        ingest.Setup();
        Measure("parse gunicorn's 3 lines", 3, () => ingest.ParseGunicorn3Lines());
        Measure("parse the 11-line mixed set (13 lines)", 13, () => ingest.ParseMixed11Lines());
        Measure("parse+map+apply gunicorn's 3 lines (rock mapping)", 3, () => ingest.ParseMapApplyGunicorn3Lines());
        Measure("parse+map+apply the mixed set, unmapped", 13, () => ingest.ParseMapApplyMixed11Lines());
        Measure("apply 8000 parsed events (exporter loop)", 8000, () => ingest.Apply8000Events());
        var mapper = new MapperBenchmarks();
        mapper.Setup();
        Measure("map: Glob10Rules", 1, () => mapper.Glob10Rules());
        Measure("map: Glob10RulesCached", 1, () => mapper.Glob10RulesCached());
        Measure("map: Regex10RulesAverage", 1, () => mapper.Regex10RulesAverage());
        Measure("map: Regex10RulesAverageCached", 1, () => mapper.Regex10RulesAverageCached());
        var scrape = new ScrapeBenchmarks();
        scrape.Setup();
        Measure("render /metrics with 100,000 series", 100_000, () => scrape.Scrape100kSeries());
        return 0;
    }

    private static void Measure(string name, int itemsPerOp, Func<object> op)
    {
        if (!name.Contains(_filter, StringComparison.OrdinalIgnoreCase))
            return;
        // Warm up (tiered JIT) and size a round to about one CPU-second.
        var ops = 1L;
        while (true)
        {
            var t = Cpu();
            for (var i = 0; i < ops; i++)
                op();
            var spent = Cpu() - t;
            if (spent > TimeSpan.FromMilliseconds(250))
            {
                ops = Math.Max(1, (long)(ops * (1.0 / spent.TotalSeconds)));
                break;
            }

            ops *= 4;
        }

        var rounds = new List<double>();
        for (var r = 0; r < 5; r++)
        {
            var t = Cpu();
            for (var i = 0; i < ops; i++)
                op();
            rounds.Add((Cpu() - t).TotalNanoseconds / ops);
        }

        rounds.Sort();
        var median = rounds[2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Format(median)} | {Format(median / itemsPerOp)} | {1e9 / (median / itemsPerOp):N0} | {Format(rounds[0])}..{Format(rounds[^1])} |"));
    }

    private static string Format(double ns) => ns switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F2} ms"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:F2} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns:F0} ns"),
    };

    /// <summary>CPU time of the whole process (the benchmark is single-threaded; the GC's own threads count too, which is fair).</summary>
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}

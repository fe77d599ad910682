using System.Text;
using Cairn.Daemon;
using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;
using Cairn.StatsdExporter.Metrics;
using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>The exporter in process, without sockets or threads: parse → map → registry → exposition, on a fake clock.</summary>
public sealed class Pipeline
{
    public Pipeline(string? mappingYaml = null, int cacheSize = 1000, TagStyles styles = TagStyles.All)
    {
        Telemetry = new ExporterTelemetry(cacheSize > 0, "test", "net-test");
        var config = mappingYaml is null ? MappingConfig.Empty : MappingConfigLoader.Load(mappingYaml);
        Telemetry.LoadedMappings.Set(config.Mappings.Count);
        var cache = cacheSize > 0 ? new MappingCache(cacheSize, random: false, Telemetry) : null;
        Registry = new Registry(Telemetry);
        Exporter = new Exporter(new MetricMapper(config, cache), Registry, Telemetry, Logger.None, Time);
        Parser = new LineParser(styles, Telemetry, Logger.None);
    }

    public ManualClock Time { get; } = new();

    public ExporterTelemetry Telemetry { get; }

    public Registry Registry { get; }

    public Exporter Exporter { get; }

    public LineParser Parser { get; }

    /// <summary>Parses and applies one datagram (lines separated by \n).</summary>
    public Pipeline Send(params string[] packets)
    {
        foreach (var packet in packets)
        {
            var events = new List<Event>();
            Parser.ParsePacket(Encoding.UTF8.GetBytes(packet), "udp", events);
            Exporter.Handle(events);
        }

        return this;
    }

    /// <summary>The whole exposition.</summary>
    public string Scrape()
    {
        var writer = new ExpositionWriter();
        lock (Registry.SyncRoot)
            Registry.WriteTo(writer, Time.GetUtcNow());
        return writer.ToString();
    }

    /// <summary>The exposition without the self-metrics (families not starting with statsd_/promhttp_).</summary>
    public string ScrapeUser() =>
        string.Join("", Scrape().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !IsSelf(l))
            .Select(l => l + "\n"));

    private static bool IsSelf(string line)
    {
        var name = line.StartsWith('#') ? line.Split(' ')[2] : line;
        return name.StartsWith("statsd_", StringComparison.Ordinal) || name.StartsWith("promhttp_", StringComparison.Ordinal);
    }
}

using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Cairn.Daemon;
using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;
using Cairn.StatsdExporter.Metrics;
using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>
/// The flask rock's case: gunicorn's datagrams for 2×200 and 1×404 after the worker gauge, through the UDP
/// packet handler, the event queue and the exporter, under the rock's mapping. The golden file is the spec's observed
/// scrape byte for byte except <c>statsd_exporter_build_info</c>, whose labels describe our build.
/// </summary>
public sealed class GunicornGoldenTests
{
    [Fact]
    public void Scrape_GunicornRequestsUnderTheRockMapping_MatchesGolden()
    {
        var telemetry = new ExporterTelemetry(hasCache: true, "0.26.0+cairn", "net10.0");
        var config = MappingConfigLoader.LoadFile(RockMapping.Path);
        telemetry.LoadedMappings.Set(config.Mappings.Count);
        var time = new ManualClock();
        var registry = new Registry(telemetry);
        var exporter = new Exporter(new MetricMapper(config, new MappingCache(1000, false, telemetry)), registry, telemetry, Logger.None, time);
        var batches = new BlockingCollection<List<Event>>();
        var queue = new EventQueue(1000, batches, telemetry);
        using var unused = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var udp = new UdpStatsdListener(unused, new LineParser(TagStyles.All, telemetry, Logger.None), queue, telemetry, Logger.None, 10000);

        var scratch = new List<Event>();
        foreach (var datagram in GunicornDatagrams())
        {
            telemetry.UdpPackets.Increment();
            udp.HandlePacket(Encoding.ASCII.GetBytes(datagram), scratch);
        }

        // The spec's capture was taken after five flush ticks.
        for (var i = 0; i < 5; i++)
            queue.Flush();
        while (batches.TryTake(out var batch))
            exporter.Handle(batch);

        var writer = new ExpositionWriter();
        telemetry.ScrapesInFlight.Increment();
        lock (registry.SyncRoot)
            registry.WriteTo(writer, time.GetUtcNow());
        Golden.Assert("tests/Cairn.StatsdExporter.Tests/Golden/gunicorn-rock.txt", writer.ToString());
    }

    /// <summary>What gunicorn 20–23 sends: the worker gauge, then duration, request and status per request.</summary>
    public static IEnumerable<string> GunicornDatagrams()
    {
        yield return "gunicorn.workers:1|g";
        foreach (var (status, ms) in new[] { (200, "12.5"), (200, "3.25"), (404, "1.0") })
        {
            yield return $"gunicorn.request.duration:{ms}|ms";
            yield return "gunicorn.requests:1|c|@1.0";
            yield return $"gunicorn.request.status.{status}:1|c|@1.0";
        }
    }
}

using System.Net.Sockets;
using Cairn.Daemon;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Ingest;

/// <summary>Reads StatsD datagrams from a unix datagram socket and parses them inline (as upstream: no packet queue).</summary>
public sealed class UnixgramStatsdListener
{
    private readonly Socket _socket;
    private readonly LineParser _parser;
    private readonly EventQueue _queue;
    private readonly ExporterTelemetry _telemetry;
    private readonly Logger _logger;

    /// <summary>Creates a listener on a bound unix datagram socket.</summary>
    public UnixgramStatsdListener(Socket socket, LineParser parser, EventQueue queue, ExporterTelemetry telemetry, Logger logger)
    {
        _socket = socket;
        _parser = parser;
        _queue = queue;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Starts the receive thread.</summary>
    public void Start() => new Thread(Receive) { IsBackground = true, Name = "unixgram" }.Start();

    private void Receive()
    {
        var scratch = new List<Event>();
        SocketLoops.Receive(_socket, _logger, "Unixgram", datagram =>
        {
            _telemetry.UnixgramPackets.Increment();
            scratch.Clear();
            _parser.ParsePacket(datagram, "unixgram", scratch);
            _queue.Add(scratch);
        });
    }
}

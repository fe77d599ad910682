using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Cairn.Daemon;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Ingest;

/// <summary>
/// Reads StatsD datagrams: one thread only receives and copies each datagram into a bounded queue
/// (<c>--statsd.udp-packet-queue-size</c>; when full the datagram is dropped and counted), another parses them, so a slow
/// parse never leaves the kernel buffer unread.
/// </summary>
public sealed class UdpStatsdListener
{
    private readonly Socket _socket;
    private readonly LineParser _parser;
    private readonly EventQueue _queue;
    private readonly ExporterTelemetry _telemetry;
    private readonly Logger _logger;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _packets;

    /// <summary>Creates a listener on a bound UDP socket.</summary>
    public UdpStatsdListener(Socket socket, LineParser parser, EventQueue queue, ExporterTelemetry telemetry, Logger logger, int packetQueueSize)
    {
        _socket = socket;
        _parser = parser;
        _queue = queue;
        _telemetry = telemetry;
        _logger = logger;
        _packets = new BlockingCollection<(byte[], int)>(new ConcurrentQueue<(byte[], int)>(), Math.Max(1, packetQueueSize));
    }

    /// <summary>Starts the receive and parse threads.</summary>
    public void Start()
    {
        new Thread(Receive) { IsBackground = true, Name = "udp-receive" }.Start();
        new Thread(Process) { IsBackground = true, Name = "udp-parse" }.Start();
    }

    /// <summary>Parses one datagram and queues its events (what the parse thread does per packet).</summary>
    public void HandlePacket(ReadOnlySpan<byte> packet, List<Event> scratch)
    {
        scratch.Clear();
        _parser.ParsePacket(packet, "udp", scratch);
        _queue.Add(scratch);
    }

    private void Receive() => SocketLoops.Receive(_socket, _logger, "UDP", datagram =>
    {
        _telemetry.UdpPackets.Increment();
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(datagram.Length, 1));
        datagram.CopyTo(copy);
        if (!_packets.TryAdd((copy, datagram.Length)))
        {
            ArrayPool<byte>.Shared.Return(copy);
            _telemetry.UdpPacketDrops.Increment();
        }
    });

    private void Process()
    {
        var scratch = new List<Event>();
        foreach (var (buffer, length) in _packets.GetConsumingEnumerable())
        {
            try
            {
                HandlePacket(buffer.AsSpan(0, length), scratch);
            }
            catch (Exception e)
            {
                // A bug must cost one datagram, not the UDP listener.
                _logger.Error("internal error parsing a datagram (dropped)", ("error", e.ToString()));
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

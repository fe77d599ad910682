using System.Net.Sockets;
using Cairn.Daemon;
using Cairn.Http;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Ingest;

/// <summary>
/// Accepts StatsD over TCP: newline-terminated lines (<c>\r\n</c> too), a final unterminated line processed at EOF. A
/// line of 4096 bytes or more is counted as too long and closes the connection, as upstream's 4096-byte reader does.
/// </summary>
public sealed class TcpStatsdListener
{
    /// <summary>Longest accepted line, without its newline.</summary>
    public const int MaxLineLength = 4095;

    private readonly Socket _listener;
    private readonly LineParser _parser;
    private readonly EventQueue _queue;
    private readonly ExporterTelemetry _telemetry;
    private readonly Logger _logger;

    /// <summary>Creates a listener on a bound, listening TCP socket.</summary>
    public TcpStatsdListener(Socket listener, LineParser parser, EventQueue queue, ExporterTelemetry telemetry, Logger logger)
    {
        _listener = listener;
        _parser = parser;
        _queue = queue;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Starts accepting.</summary>
    public void Start() => _ = AcceptLoop.RunAsync(_listener, connection =>
    {
        _telemetry.TcpConnections.Increment();
        _ = Task.Run(() => HandleAsync(connection));
    }, e => _logger.Error("TCP accept failed", ("error", e.Message)));

    private async Task HandleAsync(Socket connection)
    {
        using var _ = connection;
        var buffer = new byte[MaxLineLength + 1 + 4096];
        var filled = 0;
        var scratch = new List<Event>();
        try
        {
            while (true)
            {
                var n = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    if (filled > 0)
                        ProcessLine(buffer.AsSpan(0, filled), scratch);
                    return;
                }

                filled += n;
                var start = 0;
                while (true)
                {
                    var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                    if (newline < 0)
                        break;
                    var line = buffer.AsSpan(start, newline);
                    if (line.Length > MaxLineLength)
                    {
                        TooLong();
                        return;
                    }

                    ProcessLine(line, scratch);
                    start += newline + 1;
                }

                _queue.Add(scratch);
                scratch.Clear();
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
                if (filled > MaxLineLength)
                {
                    TooLong();
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            _telemetry.TcpConnectionErrors.Increment();
            if (_logger.IsEnabled(LogLevel.Debug))
                _logger.Debug("Read failed", ("error", e.Message));
        }
        finally
        {
            // Lines read before the end, a too-long line or an error still count, as upstream handles each line as read.
            _queue.Add(scratch);
        }
    }

    private void ProcessLine(ReadOnlySpan<byte> line, List<Event> scratch)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];
        _parser.ParseLineBytes(line, "tcp", scratch);
    }

    private void TooLong()
    {
        _telemetry.TcpTooLongLines.Increment();
        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.Debug("Read failed: line too long");
    }
}

using System.Collections.Concurrent;
using Cairn.Daemon;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>
/// The two background loops between the listeners and the registry: a <see cref="FlushTicker"/> for the event queue's
/// periodic flush, and one that applies batches in order (single writer, like upstream's exporter goroutine) and expires
/// series every second.
/// </summary>
public sealed class EventLoop
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly BlockingCollection<List<Event>> _batches;
    private readonly EventQueue _queue;
    private readonly Exporter _exporter;
    private readonly TimeSpan _flushInterval;
    private readonly TimeProvider _time;
    private readonly Logger _logger;
    private readonly CancellationTokenSource _stop = new();
    private FlushTicker? _ticker;

    /// <summary>Creates the loops (not started).</summary>
    public EventLoop(BlockingCollection<List<Event>> batches, EventQueue queue, Exporter exporter, TimeSpan flushInterval, TimeProvider time, Logger logger)
    {
        _logger = logger;
        _batches = batches;
        _queue = queue;
        _exporter = exporter;
        _flushInterval = flushInterval > TimeSpan.Zero ? flushInterval : TimeSpan.FromMilliseconds(200);
        _time = time;
    }

    /// <summary>Starts both threads.</summary>
    public void Start()
    {
        _ticker = new FlushTicker(_queue, _flushInterval, _time);
        _ticker.Start();
        new Thread(Apply) { IsBackground = true, Name = "exporter" }.Start();
    }

    /// <summary>Stops both threads.</summary>
    public void Stop()
    {
        _ticker?.Dispose();
        _stop.Cancel();
    }

    private void Apply()
    {
        var lastSweep = _time.GetUtcNow();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_batches.TryTake(out var batch, (int)SweepInterval.TotalMilliseconds, _stop.Token) && batch.Count > 0)
                {
                    try
                    {
                        _exporter.Handle(batch);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A bug must cost one batch, not silently stop every metric from then on.
                        _logger.Error("internal error applying events (batch dropped)", ("error", e.ToString()));
                    }
                }
                var now = _time.GetUtcNow();
                if (now - lastSweep >= SweepInterval)
                {
                    _exporter.RemoveExpired();
                    lastSweep = now;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }
}

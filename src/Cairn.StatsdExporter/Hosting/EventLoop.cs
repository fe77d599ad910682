using System.Collections.Concurrent;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>
/// The two background loops between the listeners and the registry: one ticks the event queue's periodic flush, the
/// other applies batches in order (single writer, like upstream's exporter goroutine) and expires series every second.
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
        new Thread(Tick) { IsBackground = true, Name = "flush-ticker" }.Start();
        new Thread(Apply) { IsBackground = true, Name = "exporter" }.Start();
    }

    /// <summary>Stops both threads.</summary>
    public void Stop() => _stop.Cancel();

    private void Tick()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_flushInterval))
            _queue.Flush();
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

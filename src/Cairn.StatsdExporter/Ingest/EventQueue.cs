using System.Collections.Concurrent;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Ingest;

/// <summary>
/// Collects parsed events from every listener and hands them to the exporter loop in batches: when
/// <c>--statsd.event-flush-threshold</c> events are waiting, and on every <c>--statsd.event-flush-interval</c> tick
/// (an empty batch too, as upstream counts it). When the loop falls <c>--statsd.event-queue-size</c> batches behind,
/// <see cref="Add"/> blocks, which backs up the UDP packet queue, which then drops and counts datagrams.
/// </summary>
public sealed class EventQueue
{
    private readonly int _flushThreshold;
    private readonly BlockingCollection<List<Event>> _batches;
    private readonly ExporterTelemetry _telemetry;
    private readonly Lock _lock = new();
    private List<Event> _pending;

    /// <summary>Creates a queue that batches up to <paramref name="flushThreshold"/> events into <paramref name="batches"/>.</summary>
    public EventQueue(int flushThreshold, BlockingCollection<List<Event>> batches, ExporterTelemetry telemetry)
    {
        _flushThreshold = Math.Max(1, flushThreshold);
        _batches = batches;
        _telemetry = telemetry;
        _pending = new List<Event>(Math.Min(_flushThreshold, 1024));
    }

    /// <summary>Queues events (copied: the caller may reuse the list).</summary>
    public void Add(List<Event> events)
    {
        if (events.Count == 0)
            return;
        lock (_lock)
        {
            foreach (var ev in events)
            {
                _pending.Add(ev);
                if (_pending.Count >= _flushThreshold)
                    FlushLocked();
            }
        }
    }

    /// <summary>Hands over whatever is waiting (possibly nothing).</summary>
    public void Flush()
    {
        lock (_lock)
            FlushLocked();
    }

    private void FlushLocked()
    {
        var batch = _pending;
        _pending = new List<Event>(Math.Min(_flushThreshold, Math.Max(batch.Count, 16)));
        try
        {
            _batches.Add(batch);
        }
        catch (InvalidOperationException)
        {
            // The loop has stopped (shutdown); nothing will read this batch.
        }

        _telemetry.EventQueueFlushed.Increment();
    }
}

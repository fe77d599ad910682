using System.Collections.Concurrent;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Metrics;
using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>
/// Batching between the listeners and the exporter loop (upstream's TestEventThresholdFlush and TestEventIntervalFlush):
/// <c>--statsd.event-flush-threshold</c>, <c>--statsd.event-flush-interval</c> and
/// <c>--statsd.event-queue-size</c>.
/// </summary>
public sealed class EventQueueTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private readonly ExporterTelemetry _telemetry = new(false, "t", "t");

    [Fact]
    public void Threshold_ReachedHandsOverFullBatchesAtOnceAndKeepsTheRest()
    {
        var batches = new BlockingCollection<List<Event>>();
        var queue = new EventQueue(5, batches, _telemetry);

        queue.Add(Events(13));

        Assert.Equal(new[] { 5, 5 }, batches.Select(b => b.Count));
        Assert.Equal(2, _telemetry.EventQueueFlushed.Value);
        queue.Flush();
        Assert.Equal(new[] { 5, 5, 3 }, batches.Select(b => b.Count));
        Assert.Equal(3, _telemetry.EventQueueFlushed.Value);
    }

    [Fact]
    public void Threshold_NotReachedHandsOverNothing()
    {
        var batches = new BlockingCollection<List<Event>>();
        var queue = new EventQueue(1000, batches, _telemetry);

        queue.Add(Events(10));

        Assert.Empty(batches);
        Assert.Equal(0, _telemetry.EventQueueFlushed.Value);
    }

    [Fact]
    public void Interval_TickHandsOverTheWaitingEventsAndCountsEveryFlush()
    {
        var batches = new BlockingCollection<List<Event>>();
        var queue = new EventQueue(1000, batches, _telemetry);
        var time = new ManualClock();
        using var ticker = new FlushTicker(queue, TimeSpan.FromSeconds(1000), time);
        ticker.Start();
        queue.Add(Events(10));
        time.Advance(TimeSpan.FromSeconds(999));
        Assert.Empty(batches);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(batches.TryTake(out var batch, Generous), "no batch after the interval");
        Assert.Equal(10, batch.Count);
        // As upstream, the flush is counted just after the hand-over, on the ticker's thread.
        Assert.True(SpinWait.SpinUntil(() => _telemetry.EventQueueFlushed.Value == 1, Generous));

        // An idle tick still hands over (an empty batch) and counts, so the counter grows while idle as upstream's does.
        time.Advance(TimeSpan.FromSeconds(1000));
        Assert.True(batches.TryTake(out batch, Generous), "no batch after the second interval");
        Assert.Empty(batch);
        Assert.True(SpinWait.SpinUntil(() => _telemetry.EventQueueFlushed.Value == 2, Generous));
    }

    [Fact]
    public async Task QueueSize_FullChannelBlocksTheSenderUntilTheLoopTakesABatch()
    {
        var batches = new BlockingCollection<List<Event>>(new ConcurrentQueue<List<Event>>(), boundedCapacity: 1);
        var queue = new EventQueue(1, batches, _telemetry);
        queue.Add(Events(1));

        // Upstream's listener blocks on the full channel (and the UDP packet queue then drops and counts); nothing is lost here.
        var blocked = Task.Run(() => queue.Add(Events(1)));
        // "Still blocked" can only be shown by waiting a while: a slow machine makes this a false pass at worst (the
        // sender may not even have started), never a false failure, since nothing takes the batch meanwhile.
        Assert.NotSame(blocked, await Task.WhenAny(blocked, Task.Delay(300)));
        // The blocked flush is not counted until its batch is handed over.
        Assert.Equal(1, _telemetry.EventQueueFlushed.Value);

        Assert.True(batches.TryTake(out var first, Generous));
        await blocked.WaitAsync(Generous);
        Assert.Single(first);
        Assert.True(batches.TryTake(out var second, Generous));
        Assert.Single(second);
        Assert.Equal(2, _telemetry.EventQueueFlushed.Value);
    }

    private static List<Event> Events(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Event(EventKind.Counter, "e" + i, 1, false, []))];
}

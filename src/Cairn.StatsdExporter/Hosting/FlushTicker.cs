using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>
/// Flushes the event queue every <c>--statsd.event-flush-interval</c> on its own thread, as upstream's ticker goroutine
/// does. A flush that blocks on a full batch channel delays the next tick instead of piling up flushes: the periodic
/// timer coalesces missed ticks, as Go's ticker drops them.
/// </summary>
public sealed class FlushTicker : IDisposable
{
    private readonly EventQueue _queue;
    private readonly PeriodicTimer _timer;

    /// <summary>Creates the ticker; the interval starts now, on <paramref name="time"/>'s clock.</summary>
    public FlushTicker(EventQueue queue, TimeSpan interval, TimeProvider time)
    {
        _queue = queue;
        _timer = new PeriodicTimer(interval, time);
    }

    /// <summary>Starts the thread that waits for ticks.</summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = "flush-ticker" }.Start();

    /// <summary>Stops ticking; a flush in progress finishes.</summary>
    public void Dispose() => _timer.Dispose();

    private void Run()
    {
        // WaitForNextTickAsync answers false once the timer is disposed.
        while (_timer.WaitForNextTickAsync().AsTask().GetAwaiter().GetResult())
            _queue.Flush();
    }
}

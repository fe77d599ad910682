using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// A summary series with client_golang's sliding window: every observation goes into <c>AgeBuckets</c> quantile streams;
/// every <c>MaxAge/AgeBuckets</c> the oldest stream is reset and becomes the newest, and quantiles are read from the stream
/// reset longest ago. Rotation happens lazily on the next observation or read. <c>_sum</c> and <c>_count</c> never reset.
/// </summary>
public sealed class SummarySeries : Series
{
    private readonly QuantileStream[] _streams;
    private readonly TimeSpan _streamDuration;
    private readonly List<double> _buffer = [];
    private readonly int _bufferCapacity;
    private int _head;
    private DateTimeOffset _headExpires;
    private DateTimeOffset _bufferExpires;

    /// <summary>Creates an empty summary.</summary>
    public SummarySeries(Label[] labels, TimeSpan ttl, DateTimeOffset now, SummaryOptions options)
        : base(labels, ttl, now)
    {
        Objectives = options.Objectives;
        _bufferCapacity = options.BufferCapacity;
        _streamDuration = TimeSpan.FromTicks(Math.Max(1, (options.MaxAge / options.AgeBuckets).Ticks));
        var targets = options.Objectives.Select(o => (o.Quantile, o.Error)).ToArray();
        _streams = new QuantileStream[options.AgeBuckets];
        for (var i = 0; i < _streams.Length; i++)
            _streams[i] = new QuantileStream(targets, options.BufferCapacity);
        _headExpires = now + _streamDuration;
        _bufferExpires = _headExpires;
    }

    /// <summary>The quantiles reported, ascending.</summary>
    public IReadOnlyList<Objective> Objectives { get; }

    /// <summary>Sum of observations (flushed ones).</summary>
    public double Sum { get; private set; }

    /// <summary>Number of observations (flushed ones).</summary>
    public long Count { get; private set; }

    /// <summary>Records one observation at <paramref name="now"/>.</summary>
    public void Observe(double value, DateTimeOffset now)
    {
        if (now > _bufferExpires)
            Flush(now);
        _buffer.Add(value);
        if (_buffer.Count >= _bufferCapacity)
            Flush(now);
    }

    /// <summary>Brings the window up to <paramref name="now"/> and returns each objective's current estimate (NaN when the window is empty).</summary>
    public double[] Quantiles(DateTimeOffset now)
    {
        Flush(now);
        var head = _streams[_head];
        var values = new double[Objectives.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = head.Count == 0 ? double.NaN : head.Query(Objectives[i].Quantile);
        return values;
    }

    private void Flush(DateTimeOffset now)
    {
        if (now > _bufferExpires)
        {
            // Step whole stream durations at once: a series idle for a day must not loop per step.
            var steps = (now - _bufferExpires).Ticks / _streamDuration.Ticks + 1;
            _bufferExpires += TimeSpan.FromTicks(steps * _streamDuration.Ticks);
        }

        foreach (var value in _buffer)
        {
            foreach (var stream in _streams)
                stream.Insert(value);
            Count++;
            Sum += value;
        }

        _buffer.Clear();
        var rotations = (_bufferExpires - _headExpires).Ticks / _streamDuration.Ticks;
        for (var i = 0; i < Math.Min(rotations, _streams.Length); i++)
        {
            _streams[_head].Reset();
            _head = (_head + 1) % _streams.Length;
        }

        if (rotations > _streams.Length)
            _head = (int)((_head + rotations - _streams.Length) % _streams.Length);
        _headExpires = _bufferExpires;
    }
}

using Cairn.StatsdExporter.Exposition;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>An unlabelled self-metric (counter or gauge) that any thread may update.</summary>
public sealed class CounterCell : SelfMetric
{
    private long _value;

    /// <summary>Creates the cell at zero.</summary>
    public CounterCell(string name, string help, MetricType type = MetricType.Counter)
        : base(name, help, type)
    {
    }

    /// <summary>The current value.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <inheritdoc />
    public override bool HasSamples => true;

    /// <summary>Adds one.</summary>
    public void Increment() => Interlocked.Increment(ref _value);

    /// <summary>Adds <paramref name="delta"/>.</summary>
    public void Add(long delta) => Interlocked.Add(ref _value, delta);

    /// <summary>Sets the value (for gauges).</summary>
    public void Set(long value) => Interlocked.Exchange(ref _value, value);

    /// <inheritdoc />
    public override void WriteSamples(ExpositionWriter writer) => writer.WriteSample(Name, [], Value);
}

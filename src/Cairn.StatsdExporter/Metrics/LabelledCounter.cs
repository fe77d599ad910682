using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// A self-metric with one label whose possible values are known in advance (a reason, a type, an outcome). A value is
/// exposed once it has been used, or from the start when created <c>preset</c>, as client_golang does.
/// </summary>
public sealed class LabelledCounter : SelfMetric
{
    private readonly string _labelName;
    private readonly string[] _values;
    private readonly long[] _counts;
    private readonly int[] _used;

    /// <summary>Creates the family; <paramref name="values"/> must be sorted (they are exposed in that order).</summary>
    public LabelledCounter(string name, string help, string labelName, string[] values, MetricType type = MetricType.Counter, bool preset = false)
        : base(name, help, type)
    {
        _labelName = labelName;
        _values = values;
        _counts = new long[values.Length];
        _used = new int[values.Length];
        if (preset)
            Array.Fill(_used, 1);
    }

    /// <inheritdoc />
    public override bool HasSamples => Array.IndexOf(_used, 1) >= 0;

    /// <summary>Adds one to the series labelled <paramref name="value"/>.</summary>
    public void Increment(string value)
    {
        var i = IndexOf(value);
        Volatile.Write(ref _used[i], 1);
        Interlocked.Increment(ref _counts[i]);
    }

    /// <summary>The current count for <paramref name="value"/> (0 when unused).</summary>
    public long Get(string value) => Interlocked.Read(ref _counts[IndexOf(value)]);

    /// <inheritdoc />
    public override void WriteSamples(ExpositionWriter writer)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (Volatile.Read(ref _used[i]) == 1)
                writer.WriteSample(Name, [new Label(_labelName, _values[i])], Interlocked.Read(ref _counts[i]));
        }
    }

    private int IndexOf(string value)
    {
        var i = Array.IndexOf(_values, value);
        return i >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(value), value, $"internal error: {Name} has no label value '{value}'");
    }
}

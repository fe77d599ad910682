using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// Every metric family the exporter has created, with upstream's conflict rules: a name keeps the type of the
/// first event forever, and a name whose exposed sample names (<c>X</c>, <c>X_sum</c>, <c>X_count</c>, <c>X_bucket</c>)
/// would collide with another family's, or with a self-metric's, is refused. Callers hold <see cref="SyncRoot"/>.
/// </summary>
public sealed class Registry
{
    private static readonly string[] SummarySuffixes = ["_sum", "_count"];
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    private readonly Dictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _exposedBy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved;
    private readonly ExporterTelemetry _telemetry;
    private MetricFamily[]? _sorted;

    /// <summary>Creates an empty registry; the self-metric names of <paramref name="telemetry"/> are reserved.</summary>
    public Registry(ExporterTelemetry telemetry)
    {
        _telemetry = telemetry;
        _reserved = new HashSet<string>(telemetry.All.Select(m => m.Name), StringComparer.Ordinal);
    }

    /// <summary>The lock that guards the registry (the exporter loop applies a batch under it; a scrape renders under it).</summary>
    public Lock SyncRoot { get; } = new();

    /// <summary>The number of families.</summary>
    public int FamilyCount => _families.Count;

    /// <summary>The family called <paramref name="name"/>, if any.</summary>
    public MetricFamily? Find(string name) => _families.GetValueOrDefault(name);

    /// <summary>The counter or gauge series for the labels, created on first use; null on a name conflict.</summary>
    public ValueSeries? GetValue(string name, MetricType type, Label[] labels, string help, TimeSpan ttl, DateTimeOffset now) =>
        GetSeries(name, type, labels, help, ttl, now, 0, static (l, t, n, _) => new ValueSeries(l, t, n));

    /// <summary>The summary series for the labels, created with <paramref name="options"/> on first use; null on a name conflict.</summary>
    public SummarySeries? GetSummary(string name, Label[] labels, string help, TimeSpan ttl, DateTimeOffset now, SummaryOptions options) =>
        GetSeries(name, MetricType.Summary, labels, help, ttl, now, options, static (l, t, n, o) => new SummarySeries(l, t, n, o));

    /// <summary>The histogram series for the labels, created with <paramref name="options"/> on first use; null on a name conflict.</summary>
    public HistogramSeries? GetHistogram(string name, Label[] labels, string help, TimeSpan ttl, DateTimeOffset now, HistogramOptions options) =>
        GetSeries(name, MetricType.Histogram, labels, help, ttl, now, options, static (l, t, n, o) => new HistogramSeries(l, t, n, o.Buckets.ToArray()));

    /// <summary>Removes series whose TTL has passed; returns how many.</summary>
    public int RemoveExpired(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var family in _families.Values)
            removed += family.RemoveExpired(now);
        return removed;
    }

    /// <summary>Writes every non-empty family and every self-metric, sorted by name, in the text format.</summary>
    public void WriteTo(ExpositionWriter writer, DateTimeOffset now)
    {
        _sorted ??= _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        var self = _telemetry.All;
        int f = 0, s = 0;
        while (f < _sorted.Length || s < self.Count)
        {
            if (s < self.Count && (f == _sorted.Length || string.CompareOrdinal(self[s].Name, _sorted[f].Name) < 0))
            {
                var metric = self[s++];
                if (!metric.HasSamples)
                    continue;
                writer.WriteHeader(metric.Name, metric.Help, metric.Type);
                metric.WriteSamples(writer);
                continue;
            }

            var family = _sorted[f++];
            if (family.Count > 0)
                WriteFamily(writer, family, now);
        }
    }

    private static void WriteFamily(ExpositionWriter writer, MetricFamily family, DateTimeOffset now)
    {
        writer.WriteHeader(family.Name, family.Help, family.Type);
        foreach (var series in family.Sorted())
        {
            switch (series)
            {
                case ValueSeries value:
                    writer.WriteSample(family.Name, value.Labels, value.Value);
                    break;
                case SummarySeries summary:
                    var quantiles = summary.Quantiles(now);
                    for (var i = 0; i < quantiles.Length; i++)
                        writer.WriteSample(family.Name, null, summary.Labels, "quantile", summary.Objectives[i].Quantile, quantiles[i]);
                    writer.WriteSample(family.Name, "_sum", summary.Labels, null, 0, summary.Sum);
                    writer.WriteSample(family.Name, "_count", summary.Labels, null, 0, summary.Count);
                    break;
                case HistogramSeries histogram:
                    long cumulative = 0;
                    for (var i = 0; i < histogram.Bounds.Length; i++)
                    {
                        cumulative += histogram.Counts[i];
                        writer.WriteSample(family.Name, "_bucket", histogram.Labels, "le", histogram.Bounds[i], cumulative);
                    }

                    writer.WriteSample(family.Name, "_bucket", histogram.Labels, "le", double.PositiveInfinity, histogram.Count);
                    writer.WriteSample(family.Name, "_sum", histogram.Labels, null, 0, histogram.Sum);
                    writer.WriteSample(family.Name, "_count", histogram.Labels, null, 0, histogram.Count);
                    break;
            }
        }
    }

    /// <summary>Finds or creates a series; <paramref name="create"/> is static with its <paramref name="state"/>, so the hot path allocates nothing.</summary>
    private T? GetSeries<T, TState>(
        string name, MetricType type, Label[] labels, string help, TimeSpan ttl, DateTimeOffset now, TState state, Func<Label[], TimeSpan, DateTimeOffset, TState, T> create)
        where T : Series
    {
        var family = GetFamily(name, type, help);
        if (family is null)
            return null;
        if (family.Find(labels) is not T series)
        {
            series = create(labels, ttl, now, state);
            AddSeries(family, series);
        }

        // A series takes its TTL from the mapping that last updated it (upstream refreshes it on each sample).
        series.Ttl = ttl;
        series.LastUpdated = now;
        return series;
    }

    private void AddSeries(MetricFamily family, Series series)
    {
        if (family.Add(series))
        {
            _telemetry.MetricsTotal.Increment(family.Type switch
            {
                MetricType.Counter => "counter",
                MetricType.Gauge => "gauge",
                MetricType.Summary => "summary",
                _ => "histogram",
            });
        }
    }

    private MetricFamily? GetFamily(string name, MetricType type, string help)
    {
        if (_families.TryGetValue(name, out var existing))
            return existing.Type == type ? existing : null;
        if (Conflicts(name, type))
            return null;
        var family = new MetricFamily(name, type, help);
        _families.Add(name, family);
        foreach (var exposed in ExposedNames(name, type))
            _exposedBy[exposed] = name;
        _sorted = null;
        return family;
    }

    private bool Conflicts(string name, MetricType type)
    {
        foreach (var exposed in ExposedNames(name, type))
        {
            if (_reserved.Contains(exposed) || (_exposedBy.TryGetValue(exposed, out var owner) && owner != name))
                return true;
        }

        switch (type)
        {
            case MetricType.Counter or MetricType.Gauge:
                // Upstream: X_sum, X_count, X_bucket are refused while X exists as anything but a counter.
                foreach (var suffix in HistogramSuffixes)
                {
                    if (name.EndsWith(suffix, StringComparison.Ordinal)
                        && _families.TryGetValue(name[..^suffix.Length], out var base_) && base_.Type != MetricType.Counter)
                        return true;
                }

                return false;
            default:
                foreach (var suffix in type == MetricType.Summary ? SummarySuffixes : HistogramSuffixes)
                {
                    if (_families.TryGetValue(name + suffix, out var other) && other.Type != type)
                        return true;
                }

                return false;
        }
    }

    private static IEnumerable<string> ExposedNames(string name, MetricType type) => type switch
    {
        MetricType.Summary => [name, name + "_sum", name + "_count"],
        MetricType.Histogram => [name, name + "_bucket", name + "_sum", name + "_count"],
        _ => [name],
    };
}

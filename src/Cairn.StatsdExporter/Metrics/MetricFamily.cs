using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// All series under one Prometheus name: one type and one HELP (the first one seen; later different help texts are
/// ignored instead of breaking the scrape as upstream does). Series may have different label-name sets.
/// </summary>
public sealed class MetricFamily
{
    private readonly Dictionary<Label[], Series> _series = new(LabelOrder.Instance);
    private readonly HashSet<string> _labelNameSets = new(StringComparer.Ordinal);
    private Series[]? _sorted;

    /// <summary>Creates an empty family.</summary>
    public MetricFamily(string name, MetricType type, string help)
    {
        Name = name;
        Type = type;
        Help = help;
    }

    /// <summary>The Prometheus name.</summary>
    public string Name { get; }

    /// <summary>Counter, gauge, summary or histogram, fixed by the first event.</summary>
    public MetricType Type { get; }

    /// <summary>The HELP text.</summary>
    public string Help { get; }

    /// <summary>The number of live series.</summary>
    public int Count => _series.Count;

    /// <summary>The series with exactly these (sorted) labels, if any.</summary>
    public Series? Find(Label[] labels) => _series.GetValueOrDefault(labels);

    /// <summary>Adds a series; returns true when its label-name set is new for this family (a new "vector" upstream).</summary>
    public bool Add(Series series)
    {
        _series.Add(series.Labels, series);
        _sorted = null;
        return _labelNameSets.Add(string.Join(',', series.Labels.Select(l => l.Name)));
    }

    /// <summary>Removes series idle longer than their TTL; the family and its type stay.</summary>
    public int RemoveExpired(DateTimeOffset now)
    {
        List<Label[]>? expired = null;
        foreach (var (labels, series) in _series)
        {
            if (series.Ttl > TimeSpan.Zero && now - series.LastUpdated > series.Ttl)
                (expired ??= []).Add(labels);
        }

        if (expired is null)
            return 0;
        foreach (var labels in expired)
            _series.Remove(labels);
        _sorted = null;
        return expired.Count;
    }

    /// <summary>The series in exposition order (cached until the set changes).</summary>
    public Series[] Sorted()
    {
        if (_sorted is null)
        {
            var sorted = _series.Values.ToArray();
            Array.Sort(sorted, LabelOrder.Instance);
            _sorted = sorted;
        }

        return _sorted;
    }
}

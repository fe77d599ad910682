using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>The summary and histogram options of <c>defaults</c> and of each rule.</summary>
public static partial class MappingConfigLoader
{
    /// <summary>The <c>summary_options</c>/<c>histogram_options</c> (and deprecated top-level) keys of one section, before defaults.</summary>
    private sealed class RawOptions
    {
        private List<Objective>? _quantiles;
        private List<Objective>? _topLevelQuantiles;
        private TimeSpan? _maxAge;
        private int? _ageBuckets;
        private int? _bufCap;
        private List<double>? _buckets;
        private List<double>? _topLevelBuckets;

        public bool HasSummaryOptions { get; private set; }

        public bool HasHistogramOptions { get; private set; }

        public bool TryRead(string key, YamlNode value)
        {
            switch (key)
            {
                case "summary_options":
                    ReadSummary(value);
                    return true;
                case "histogram_options":
                    ReadHistogram(value);
                    return true;
                case "quantiles":
                    if (_quantiles is not null)
                        throw Error(value, "quantiles are given both at the top level and in 'summary_options'", "keep only summary_options.quantiles");
                    _topLevelQuantiles = ReadQuantiles(value);
                    return true;
                case "buckets":
                    if (_buckets is not null)
                        throw Error(value, "buckets are given both at the top level and in 'histogram_options'", "keep only histogram_options.buckets");
                    _topLevelBuckets = ReadBuckets(value);
                    return true;
                default:
                    return false;
            }
        }

        public SummaryOptions ResolveSummary(SummaryOptions fallback) => new(
            (_quantiles ?? _topLevelQuantiles) is { Count: > 0 } q ? q : fallback.Objectives,
            _maxAge is { } age && age > TimeSpan.Zero ? age : fallback.MaxAge,
            _ageBuckets is > 0 ? _ageBuckets.Value : fallback.AgeBuckets,
            _bufCap is > 0 ? _bufCap.Value : fallback.BufferCapacity);

        public HistogramOptions ResolveHistogram(HistogramOptions fallback) =>
            (_buckets ?? _topLevelBuckets) is { Count: > 0 } b ? new HistogramOptions(b) : fallback;

        private void ReadSummary(YamlNode node)
        {
            if (IsNull(node))
                return;
            HasSummaryOptions = true;
            var map = node as YamlMappingNode ?? throw Error(node, "'summary_options' must be a mapping");
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Key(keyNode))
                {
                    case "quantiles":
                        if (_topLevelQuantiles is not null)
                            throw Error(value, "quantiles are given both at the top level and in 'summary_options'", "keep only summary_options.quantiles");
                        _quantiles = ReadQuantiles(value);
                        break;
                    case "max_age":
                        _maxAge = ReadDuration(value);
                        break;
                    case "age_buckets":
                        _ageBuckets = ReadCount(value);
                        break;
                    case "buf_cap":
                        _bufCap = ReadCount(value);
                        break;
                }
            }
        }

        private void ReadHistogram(YamlNode node)
        {
            if (IsNull(node))
                return;
            HasHistogramOptions = true;
            var map = node as YamlMappingNode ?? throw Error(node, "'histogram_options' must be a mapping");
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Key(keyNode))
                {
                    case "buckets":
                        if (_topLevelBuckets is not null)
                            throw Error(value, "buckets are given both at the top level and in 'histogram_options'", "keep only histogram_options.buckets");
                        _buckets = ReadBuckets(value);
                        break;
                    case "native_histogram_bucket_factor":
                        // Native histograms exist only in the protobuf exposition, which this exporter does not serve.
                        ReadFloat(value);
                        break;
                    case "native_histogram_max_buckets":
                        ReadCount(value);
                        break;
                }
            }
        }

        private static List<Objective> ReadQuantiles(YamlNode node)
        {
            var list = new List<Objective>();
            if (IsNull(node))
                return list;
            var seq = node as YamlSequenceNode ?? throw Error(node, "'quantiles' must be a list of {quantile, error}");
            foreach (var item in seq.Children)
            {
                var map = item as YamlMappingNode ?? throw Error(item, "each quantile must be a mapping {quantile: Q, error: E}");
                double q = 0, e = 0;
                foreach (var (k, v) in map.Children)
                {
                    if (Key(k) == "quantile")
                        q = ReadFloat(v);
                    else if (Key(k) == "error")
                        e = ReadFloat(v);
                }

                if (!(q >= 0 && q <= 1))
                    throw Error(item, $"quantile {q.ToString(CultureInfo.InvariantCulture)} is outside 0..1");
                if (!(e >= 0 && e <= 1))
                    throw Error(item, $"quantile error {e.ToString(CultureInfo.InvariantCulture)} is outside 0..1");
                list.RemoveAll(o => o.Quantile == q);
                list.Add(new Objective(q, e));
            }

            list.Sort((a, b) => a.Quantile.CompareTo(b.Quantile));
            return list;
        }

        private static List<double> ReadBuckets(YamlNode node)
        {
            var list = new List<double>();
            if (IsNull(node))
                return list;
            var seq = node as YamlSequenceNode ?? throw Error(node, "'buckets' must be a list of numbers");
            foreach (var item in seq.Children)
            {
                var bound = ReadFloat(item);
                if (list.Count > 0 && !(bound > list[^1]))
                    throw Error(item, "histogram buckets must be in strictly increasing order");
                list.Add(bound);
            }

            if (list.Count > 0 && double.IsPositiveInfinity(list[^1]))
                list.RemoveAt(list.Count - 1);
            return list;
        }
    }
}

namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// The exporter's own metrics, with upstream's names and HELP texts. Listeners, the parser, the mapper and the
/// exporter loop update them from their own threads; the exposition reads them.
/// </summary>
public sealed class ExporterTelemetry
{
    /// <summary>The reasons a line or sample is rejected while parsing (label of <see cref="SampleErrors"/>).</summary>
    public static class SampleErrorReason
    {
        /// <summary>No <c>:</c>, an empty name, or invalid UTF-8.</summary>
        public const string MalformedLine = "malformed_line";

        /// <summary>Wrong number of <c>|</c> sections, or an empty one.</summary>
        public const string MalformedComponent = "malformed_component";

        /// <summary>The value is not a number.</summary>
        public const string MalformedValue = "malformed_value";

        /// <summary>A bad <c>@rate</c> or an unknown section.</summary>
        public const string InvalidSampleFactor = "invalid_sample_factor";

        /// <summary>An unknown type such as <c>s</c>.</summary>
        public const string IllegalEvent = "illegal_event";

        /// <summary>Name-embedded tags together with DogStatsD tags.</summary>
        public const string MixedTaggingStyles = "mixed_tagging_styles";

        /// <summary>All of them, sorted (the exposition order).</summary>
        public static readonly string[] All = [IllegalEvent, InvalidSampleFactor, MalformedComponent, MalformedLine, MalformedValue, MixedTaggingStyles];
    }

    /// <summary>The reasons the exporter loop rejects an event (label of <see cref="EventsError"/>).</summary>
    public static class EventErrorReason
    {
        /// <summary>A counter with a negative value.</summary>
        public const string IllegalNegativeCounter = "illegal_negative_counter";

        /// <summary>The name is empty after mapping and escaping.</summary>
        public const string EmptyMetricName = "empty_metric_name";

        /// <summary>A label name Prometheus reserves (<c>__</c> prefix, or <c>quantile</c>/<c>le</c> where the type uses it). Ours, not upstream's.</summary>
        public const string InvalidLabelName = "invalid_label_name";

        /// <summary>All of them, sorted.</summary>
        public static readonly string[] All = [EmptyMetricName, IllegalNegativeCounter, InvalidLabelName];
    }

    /// <summary>Creates the telemetry; the mapper cache metrics exist only when <paramref name="hasCache"/>.</summary>
    public ExporterTelemetry(bool hasCache, string version, string runtimeVersion)
    {
        HasCache = hasCache;
        BuildInfo = new BuildInfo(version, runtimeVersion);
        var all = new List<SelfMetric>
        {
            EventsTotal, EventQueueFlushed, EventsUnmapped, UdpPackets, UdpPacketDrops, TcpConnections, TcpConnectionErrors,
            TcpTooLongLines, UnixgramPackets, LinesTotal, SamplesTotal, SampleErrors, TagsTotal, TagErrors, ConfigReloads,
            LoadedMappings, EventsConflict, EventsError, EventsActions, MetricsTotal, BuildInfo, ScrapesInFlight, ScrapesTotal,
        };
        if (hasCache)
            all.AddRange([CacheLength, CacheGets, CacheHits]);
        All = all.OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether the mapper cache metrics are exposed.</summary>
    public bool HasCache { get; }

    /// <summary>Every self-metric family, sorted by name.</summary>
    public IReadOnlyList<SelfMetric> All { get; }

    /// <summary><c>statsd_exporter_build_info</c>.</summary>
    public BuildInfo BuildInfo { get; }

#pragma warning disable CS1591 // The names say what they are; the HELP texts are the documentation.
    public LabelledCounter EventsTotal { get; } = new("statsd_exporter_events_total", "The total number of StatsD events seen.", "type", ["counter", "gauge", "observer"]);
    public CounterCell EventQueueFlushed { get; } = new("statsd_exporter_event_queue_flushed_total", "Number of times events were flushed to exporter");
    public CounterCell EventsUnmapped { get; } = new("statsd_exporter_events_unmapped_total", "The total number of StatsD events no mapping was found for.");
    public CounterCell UdpPackets { get; } = new("statsd_exporter_udp_packets_total", "The total number of StatsD packets received over UDP.");
    public CounterCell UdpPacketDrops { get; } = new("statsd_exporter_udp_packet_drops_total", "The total number of dropped StatsD packets which received over UDP.");
    public CounterCell TcpConnections { get; } = new("statsd_exporter_tcp_connections_total", "The total number of TCP connections handled.");
    public CounterCell TcpConnectionErrors { get; } = new("statsd_exporter_tcp_connection_errors_total", "The number of errors encountered reading from TCP.");
    public CounterCell TcpTooLongLines { get; } = new("statsd_exporter_tcp_too_long_lines_total", "The number of lines discarded due to being too long.");
    public CounterCell UnixgramPackets { get; } = new("statsd_exporter_unixgram_packets_total", "The total number of StatsD packets received over Unixgram.");
    public CounterCell LinesTotal { get; } = new("statsd_exporter_lines_total", "The total number of StatsD lines received.");
    public CounterCell SamplesTotal { get; } = new("statsd_exporter_samples_total", "The total number of StatsD samples received.");
    public LabelledCounter SampleErrors { get; } = new("statsd_exporter_sample_errors_total", "The total number of errors parsing StatsD samples.", "reason", SampleErrorReason.All);
    public CounterCell TagsTotal { get; } = new("statsd_exporter_tags_total", "The total number of DogStatsD tags processed.");
    public CounterCell TagErrors { get; } = new("statsd_exporter_tag_errors_total", "The number of errors parsing DogStatsD tags.");
    public LabelledCounter ConfigReloads { get; } = new("statsd_exporter_config_reloads_total", "The number of configuration reloads.", "outcome", ["failure", "success"]);
    public CounterCell LoadedMappings { get; } = new("statsd_exporter_loaded_mappings", "The current number of configured metric mappings.", MetricType.Gauge);
    public LabelledCounter EventsConflict { get; } = new("statsd_exporter_events_conflict_total", "The total number of StatsD events with conflicting names.", "type", ["counter", "gauge", "observer"]);
    public LabelledCounter EventsError { get; } = new("statsd_exporter_events_error_total", "The total number of StatsD events discarded due to errors.", "reason", EventErrorReason.All);
    public LabelledCounter EventsActions { get; } = new("statsd_exporter_events_actions_total", "The total number of StatsD events by action.", "action", ["drop", "map"]);
    public LabelledCounter MetricsTotal { get; } = new("statsd_exporter_metrics_total", "The total number of metrics.", "type", ["counter", "gauge", "histogram", "summary"], MetricType.Gauge);
    public CounterCell ScrapesInFlight { get; } = new("promhttp_metric_handler_requests_in_flight", "Current number of scrapes being served.", MetricType.Gauge);
    public LabelledCounter ScrapesTotal { get; } = new("promhttp_metric_handler_requests_total", "Total number of scrapes by HTTP status code.", "code", ["200", "500", "503"], preset: true);
    public CounterCell CacheLength { get; } = new("statsd_metric_mapper_cache_length", "The count of unique metrics currently cached.", MetricType.Gauge);
    public CounterCell CacheGets { get; } = new("statsd_metric_mapper_cache_gets_total", "The count of total metric cache gets.");
    public CounterCell CacheHits { get; } = new("statsd_metric_mapper_cache_hits_total", "The count of total metric cache hits.");
#pragma warning restore CS1591
}

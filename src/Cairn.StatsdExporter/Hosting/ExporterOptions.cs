using Cairn.Daemon;
using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>The command-line settings, with upstream's defaults.</summary>
public sealed record ExporterOptions
{
    /// <summary><c>--web.listen-address</c>.</summary>
    public string WebListenAddress { get; init; } = ":9102";

    /// <summary><c>--web.telemetry-path</c>.</summary>
    public string TelemetryPath { get; init; } = "/metrics";

    /// <summary><c>--web.enable-lifecycle</c>.</summary>
    public bool EnableLifecycle { get; init; }

    /// <summary><c>--statsd.listen-udp</c>; empty disables.</summary>
    public string ListenUdp { get; init; } = ":9125";

    /// <summary><c>--statsd.listen-tcp</c>; empty disables.</summary>
    public string ListenTcp { get; init; } = ":9125";

    /// <summary><c>--statsd.listen-unixgram</c>; empty disables.</summary>
    public string ListenUnixgram { get; init; } = "";

    /// <summary><c>--statsd.unixsocket-mode</c> (octal).</summary>
    public string UnixSocketMode { get; init; } = "755";

    /// <summary><c>--statsd.mapping-config</c>, or null.</summary>
    public string? MappingConfig { get; init; }

    /// <summary><c>--statsd.read-buffer</c> (SO_RCVBUF; 0 keeps the OS default).</summary>
    public int ReadBuffer { get; init; }

    /// <summary><c>--statsd.cache-size</c>; 0 disables the mapping cache.</summary>
    public int CacheSize { get; init; } = 1000;

    /// <summary><c>--statsd.cache-type</c>: lru or random.</summary>
    public string CacheType { get; init; } = "lru";

    /// <summary><c>--statsd.event-queue-size</c>.</summary>
    public int EventQueueSize { get; init; } = 10000;

    /// <summary><c>--statsd.event-flush-threshold</c>.</summary>
    public int EventFlushThreshold { get; init; } = 1000;

    /// <summary><c>--statsd.event-flush-interval</c>.</summary>
    public TimeSpan EventFlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary><c>--statsd.udp-packet-queue-size</c>.</summary>
    public int UdpPacketQueueSize { get; init; } = 10000;

    /// <summary>The <c>--statsd.parse-*-tags</c> switches.</summary>
    public TagStyles TagStyles { get; init; } = TagStyles.All;

    /// <summary><c>--log.level</c>.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary><c>--log.format</c>: logfmt (json is accepted and written as logfmt).</summary>
    public string LogFormat { get; init; } = "logfmt";

    /// <summary><c>--check-config</c>: load everything, then exit.</summary>
    public bool CheckConfig { get; init; }

    /// <summary><c>--version</c>.</summary>
    public bool ShowVersion { get; init; }

    /// <summary><c>-h</c>/<c>--help</c>.</summary>
    public bool ShowHelp { get; init; }
}

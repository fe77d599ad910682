using System.Globalization;
using Cairn.Daemon;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>
/// Parses upstream's kingpin-style flags: <c>--flag=value</c> or <c>--flag value</c>, booleans as <c>--flag</c> or
/// <c>--no-flag</c>. Unknown flags and bad values throw <see cref="UsageException"/>.
/// </summary>
public static class ExporterOptionsParser
{
    private static readonly (string Flag, string Help)[] Flags =
    [
        ("--web.listen-address=\":9102\"", "The address on which to expose the web interface and generated Prometheus metrics."),
        ("--[no-]web.enable-lifecycle", "Enable shutdown and reload via HTTP request."),
        ("--web.telemetry-path=\"/metrics\"", "Path under which to expose metrics."),
        ("--statsd.listen-udp=\":9125\"", "The UDP address on which to receive statsd metric lines. \"\" disables it."),
        ("--statsd.listen-tcp=\":9125\"", "The TCP address on which to receive statsd metric lines. \"\" disables it."),
        ("--statsd.listen-unixgram=\"\"", "The Unixgram socket path to receive statsd metric lines in datagram. \"\" disables it."),
        ("--statsd.unixsocket-mode=\"755\"", "The permission mode of the unix socket."),
        ("--statsd.mapping-config=STATSD.MAPPING-CONFIG", "Metric mapping configuration file name."),
        ("--statsd.read-buffer=STATSD.READ-BUFFER", "Size (in bytes) of the operating system's transmit read buffer associated with the UDP or Unixgram connection."),
        ("--statsd.cache-size=1000", "Maximum size of your metric mapping cache. Relies on least recently used replacement policy if max size is reached."),
        ("--statsd.cache-type=lru", "Metric mapping cache type. Valid options are \"lru\" and \"random\""),
        ("--statsd.event-queue-size=10000", "Size of internal queue for processing events."),
        ("--statsd.event-flush-threshold=1000", "Number of events to hold in queue before flushing."),
        ("--statsd.event-flush-interval=200ms", "Maximum time between event queue flushes."),
        ("--statsd.udp-packet-queue-size=10000", "Size of internal queue for processing UDP packets."),
        ("--[no-]statsd.parse-dogstatsd-tags", "Parse DogStatsd style tags. Enabled by default."),
        ("--[no-]statsd.parse-influxdb-tags", "Parse InfluxDB style tags. Enabled by default."),
        ("--[no-]statsd.parse-librato-tags", "Parse Librato style tags. Enabled by default."),
        ("--[no-]statsd.parse-signalfx-tags", "Parse SignalFX style tags. Enabled by default."),
        ("--[no-]check-config", "Check configuration and exit."),
        ("--log.level=info", "Only log messages with the given severity or above. One of: [debug, info, warn, error]"),
        ("--log.format=logfmt", "Output format of log messages. One of: [logfmt, json]"),
        ("--version", "Show application version."),
        ("-h, --help", "Show context-sensitive help."),
    ];

    private static readonly HashSet<string> BooleanFlags =
    [
        "web.enable-lifecycle", "statsd.parse-dogstatsd-tags", "statsd.parse-influxdb-tags", "statsd.parse-librato-tags",
        "statsd.parse-signalfx-tags", "check-config", "version", "help",
    ];

    /// <summary>The usage text for <c>--help</c>.</summary>
    public static string Usage
    {
        get
        {
            var sb = new System.Text.StringBuilder("usage: statsd_exporter [<flags>]\n\nFlags:\n");
            foreach (var (flag, help) in Flags)
                sb.Append("  ").Append(flag.PadRight(46)).Append(' ').Append(help).Append('\n');
            return sb.ToString();
        }
    }

    /// <summary>Parses <paramref name="args"/>.</summary>
    public static ExporterOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ExporterOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "-h")
            {
                o = o with { ShowHelp = true };
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"unexpected positional argument {arg}, try --help");
            var body = arg[2..];
            string? value = null;
            var eq = body.IndexOf('=');
            if (eq >= 0)
            {
                value = body[(eq + 1)..];
                body = body[..eq];
            }

            var negated = false;
            if (body.StartsWith("no-", StringComparison.Ordinal) && BooleanFlags.Contains(body[3..]))
            {
                negated = true;
                body = body[3..];
            }

            if (BooleanFlags.Contains(body))
            {
                var on = value is null ? !negated : ParseBool(body, value) != negated;
                o = SetBoolean(o, body, on);
                continue;
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                    throw new UsageException(IsKnown(body) ? $"expected argument for flag '--{body}'" : $"unknown long flag '--{body}', try --help");
                value = args[++i];
            }

            o = SetValue(o, body, value);
        }

        return o;
    }

    private static bool IsKnown(string name) => Flags.Any(f => f.Flag.Contains("--" + name, StringComparison.Ordinal));

    private static ExporterOptions SetBoolean(ExporterOptions o, string name, bool on) => name switch
    {
        "web.enable-lifecycle" => o with { EnableLifecycle = on },
        "statsd.parse-dogstatsd-tags" => o with { TagStyles = Toggle(o.TagStyles, TagStyles.DogStatsD, on) },
        "statsd.parse-influxdb-tags" => o with { TagStyles = Toggle(o.TagStyles, TagStyles.InfluxDB, on) },
        "statsd.parse-librato-tags" => o with { TagStyles = Toggle(o.TagStyles, TagStyles.Librato, on) },
        "statsd.parse-signalfx-tags" => o with { TagStyles = Toggle(o.TagStyles, TagStyles.SignalFX, on) },
        "check-config" => o with { CheckConfig = on },
        "version" => o with { ShowVersion = on },
        _ => o with { ShowHelp = on },
    };

    private static ExporterOptions SetValue(ExporterOptions o, string name, string value) => name switch
    {
        "web.listen-address" => o with { WebListenAddress = value },
        "web.telemetry-path" => o with { TelemetryPath = value },
        "statsd.listen-udp" => o with { ListenUdp = value },
        "statsd.listen-tcp" => o with { ListenTcp = value },
        "statsd.listen-unixgram" => o with { ListenUnixgram = value },
        "statsd.unixsocket-mode" => o with { UnixSocketMode = value },
        "statsd.mapping-config" => o with { MappingConfig = value },
        "statsd.read-buffer" => o with { ReadBuffer = ParseInt(name, value) },
        "statsd.cache-size" => o with { CacheSize = ParseInt(name, value) },
        "statsd.cache-type" => value is "lru" or "random"
            ? o with { CacheType = value }
            : throw new UsageException($"invalid value '{value}' for flag '--{name}': use lru or random"),
        "statsd.event-queue-size" => o with { EventQueueSize = ParsePositive(name, value) },
        "statsd.event-flush-threshold" => o with { EventFlushThreshold = ParsePositive(name, value) },
        "statsd.event-flush-interval" => o with { EventFlushInterval = ParseDuration(name, value) },
        "statsd.udp-packet-queue-size" => o with { UdpPacketQueueSize = ParsePositive(name, value) },
        "log.level" => o with
        {
            LogLevel = value switch
            {
                "debug" => LogLevel.Debug,
                "info" => LogLevel.Info,
                "warn" => LogLevel.Warn,
                "error" => LogLevel.Error,
                _ => throw new UsageException($"unrecognized log level \"{value}\": use debug, info, warn or error"),
            },
        },
        "log.format" => value is "logfmt" or "json"
            ? o with { LogFormat = value }
            : throw new UsageException($"unrecognized log format \"{value}\": use logfmt or json"),
        _ => throw new UsageException($"unknown long flag '--{name}', try --help"),
    };

    private static TagStyles Toggle(TagStyles styles, TagStyles one, bool on) => on ? styles | one : styles & ~one;

    private static bool ParseBool(string name, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "t" => true,
        "false" or "0" or "f" => false,
        _ => throw new UsageException($"invalid boolean value '{value}' for flag '--{name}'"),
    };

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"invalid value '{value}' for flag '--{name}': expected a non-negative whole number");

    private static int ParsePositive(string name, string value)
    {
        var n = ParseInt(name, value);
        return n > 0 ? n : throw new UsageException($"invalid value '{value}' for flag '--{name}': must be at least 1");
    }

    private static TimeSpan ParseDuration(string name, string value) =>
        GoDuration.TryParse(value, out var d) && d > TimeSpan.Zero
            ? d
            : throw new UsageException($"invalid value '{value}' for flag '--{name}': expected a duration such as 200ms");
}

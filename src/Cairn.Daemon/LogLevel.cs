namespace Cairn.Daemon;

/// <summary>How much a daemon logs: upstream statsd_exporter's four levels (<c>--log.level</c>), and nothing at all.</summary>
public enum LogLevel
{
    /// <summary>Every line received and every rejected sample; pebble's <c>PEBBLE_DEBUG=1</c> lines.</summary>
    Debug = 0,

    /// <summary>Start-up, reloads, shutdown; everything pebble logs.</summary>
    Info = 1,

    /// <summary>Suspicious configuration.</summary>
    Warn = 2,

    /// <summary>Failures.</summary>
    Error = 3,

    /// <summary>Nothing is written (pebble silences <c>enter plan</c> and friends; tests and benchmarks).</summary>
    None = 4,
}

namespace Cairn.StatsdExporter.Hosting;

/// <summary>Upstream's four log levels (<c>--log.level</c>).</summary>
public enum LogLevel
{
    /// <summary>Every line received and every rejected sample.</summary>
    Debug = 0,

    /// <summary>Start-up, reloads, shutdown.</summary>
    Info = 1,

    /// <summary>Suspicious configuration.</summary>
    Warn = 2,

    /// <summary>Failures.</summary>
    Error = 3,
}

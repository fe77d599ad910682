namespace Cairn.StatsdExporter.Ingest;

/// <summary>Which tag syntaxes the parser recognises (the <c>--statsd.parse-*-tags</c> switches; all on by default).</summary>
[Flags]
public enum TagStyles
{
    /// <summary>No tags at all.</summary>
    None = 0,

    /// <summary><c>name:1|c|#k:v</c>.</summary>
    DogStatsD = 1,

    /// <summary><c>name,k=v:1|c</c>.</summary>
    InfluxDB = 2,

    /// <summary><c>name#k=v:1|c</c>.</summary>
    Librato = 4,

    /// <summary><c>name[k=v]:1|c</c>.</summary>
    SignalFX = 8,

    /// <summary>Every style (the default).</summary>
    All = DogStatsD | InfluxDB | Librato | SignalFX,
}

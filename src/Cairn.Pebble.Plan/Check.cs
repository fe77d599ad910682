namespace Cairn.Pebble.Plan;

/// <summary>A health check as one layer (or the combined plan) defines it; exactly one of http/tcp/exec once combined.</summary>
public sealed class Check
{
    /// <summary>The check's name (its key under <c>checks:</c>).</summary>
    public required string Name { get; init; }

    public Override Override { get; set; }
    public CheckLevel Level { get; set; }
    public Startup Startup { get; set; }
    public TimeSpan? Period { get; set; }
    public TimeSpan? Timeout { get; set; }
    public int? Threshold { get; set; }
    public HttpCheck? Http { get; set; }
    public TcpCheck? Tcp { get; set; }
    public ExecCheck? Exec { get; set; }

    /// <summary>Upstream's defaults, applied at run time and never printed in the plan.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(10);

    /// <inheritdoc cref="DefaultPeriod"/>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Upstream's default threshold, filled in when layers are combined (so <c>pebble plan</c> prints it).</summary>
    public const int DefaultThreshold = 3;

    /// <summary>The period in effect.</summary>
    public TimeSpan EffectivePeriod => Period ?? DefaultPeriod;

    /// <summary>The timeout in effect: capped to the period, as upstream does silently.</summary>
    public TimeSpan EffectiveTimeout => (Timeout ?? DefaultTimeout) > EffectivePeriod ? EffectivePeriod : Timeout ?? DefaultTimeout;

    /// <summary>The threshold in effect (0 means the default).</summary>
    public int EffectiveThreshold => Threshold is null or 0 ? DefaultThreshold : Threshold.Value;

    /// <summary>A deep copy.</summary>
    public Check Copy() => new()
    {
        Name = Name, Override = Override, Level = Level, Startup = Startup, Period = Period, Timeout = Timeout,
        Threshold = Threshold, Http = Http?.Copy(), Tcp = Tcp?.Copy(), Exec = Exec?.Copy(),
    };

    /// <summary>
    /// Merges a newer definition onto this one; type blocks merge recursively (http into http, ...). The earlier
    /// <see cref="Override"/> stays, as upstream's.
    /// </summary>
    public void Merge(Check newer)
    {
        if (newer.Level != CheckLevel.Unset) Level = newer.Level;
        if (newer.Startup != Startup.Unset) Startup = newer.Startup;
        if (newer.Period is not null) Period = newer.Period;
        if (newer.Timeout is not null) Timeout = newer.Timeout;
        if (newer.Threshold is not null and not 0) Threshold = newer.Threshold;
        if (newer.Http is not null) { Http ??= new HttpCheck(); Http.Merge(newer.Http); }
        if (newer.Tcp is not null) { Tcp ??= new TcpCheck(); Tcp.Merge(newer.Tcp); }
        if (newer.Exec is not null) { Exec ??= new ExecCheck(); Exec.Merge(newer.Exec); }
    }
}

using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Supervisor;

/// <summary>Restart backoff arithmetic: first delay, then multiplied by the factor up to the limit.</summary>
internal static class Backoff
{
    /// <summary>The delay for the next restart, given the previous one (null before the first).</summary>
    public static TimeSpan Next(TimeSpan? previous, Service config)
    {
        var delay = config.BackoffDelay ?? Service.DefaultBackoffDelay;
        var factor = config.BackoffFactor ?? Service.DefaultBackoffFactor;
        var limit = config.BackoffLimit ?? Service.DefaultBackoffLimit;
        if (previous is null) return delay > limit ? limit : delay;
        var next = TimeSpan.FromTicks((long)Math.Min(previous.Value.Ticks * factor, limit.Ticks));
        return next;
    }

    /// <summary>The delay plus upstream's jitter, uniform in [0, 10%) of the delay.</summary>
    public static TimeSpan WithJitter(TimeSpan delay, double random) => delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.1 * random));
}

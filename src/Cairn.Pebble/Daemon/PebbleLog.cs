using Cairn.Daemon;

namespace Cairn.Pebble.Daemon;

/// <summary>pebble's own log: the shared <see cref="Logger"/> writing upstream's <c>TIME [pebble] message</c> lines.</summary>
internal static class PebbleLog
{
    /// <summary>A logger at <paramref name="level"/>: Info normally, Debug with PEBBLE_DEBUG=1, None when silenced.</summary>
    public static Logger Create(TextWriter output, TimeProvider clock, LogLevel level = LogLevel.Info) =>
        new(output, level, clock, LogFormat.Tagged("pebble"));
}

using System.Globalization;
using System.Text;

namespace Cairn.Daemon;

/// <summary>
/// Durations as Go's <c>time.ParseDuration</c> reads them and <c>Duration.String</c> prints them (<c>500ms</c>,
/// <c>1m30s</c>, <c>1.5h</c>, <c>-2s</c>; units ns/us/µs/ms/s/m/h), because layers written for upstream Pebble and
/// statsd_exporter's flags and mapping files use that syntax, and <c>pebble plan</c> shows it. Precision is .NET's
/// 100 ns tick: a value is rounded to the nearest tick.
/// </summary>
public static class GoDuration
{
    /// <summary>Parses <paramref name="text"/>; false when Go would reject it (a bare number other than 0 needs a unit; past ~292 years overflows).</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.SequenceEqual("0"))
            return true;
        if (s.IsEmpty)
            return false;

        double nanoseconds = 0;
        while (!s.IsEmpty)
        {
            var numberEnd = 0;
            while (numberEnd < s.Length && (char.IsAsciiDigit(s[numberEnd]) || s[numberEnd] == '.'))
                numberEnd++;
            if (numberEnd == 0 || !double.TryParse(s[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            s = s[numberEnd..];
            var unitEnd = 0;
            while (unitEnd < s.Length && !char.IsAsciiDigit(s[unitEnd]) && s[unitEnd] != '.')
                unitEnd++;
            double? scale = s[..unitEnd] switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => null,
            };
            if (scale is null)
                return false;
            nanoseconds += number * scale.Value;
            s = s[unitEnd..];
        }

        if (nanoseconds > long.MaxValue)
            return false;
        value = TimeSpan.FromTicks((long)Math.Round(nanoseconds / 100) * (negative ? -1 : 1));
        return true;
    }

    /// <summary>Formats like Go: <c>0s</c>, <c>1.5ms</c>, <c>500ms</c>, <c>30s</c>, <c>1m0s</c>, <c>1h2m3.5s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        long nanos = value.Ticks * 100;
        if (nanos == 0) return "0s";
        var sb = new StringBuilder();
        if (nanos < 0)
        {
            sb.Append('-');
            nanos = -nanos;
        }

        if (nanos < 1_000_000_000)
        {
            // Below one second Go picks the largest of ns/µs/ms that keeps an integer part.
            var (unit, div) = nanos < 1_000 ? ("ns", 1L) : nanos < 1_000_000 ? ("µs", 1_000L) : ("ms", 1_000_000L);
            sb.Append(Fraction(nanos, div)).Append(unit);
            return sb.ToString();
        }

        var hours = nanos / 3_600_000_000_000;
        nanos %= 3_600_000_000_000;
        var minutes = nanos / 60_000_000_000;
        nanos %= 60_000_000_000;
        if (hours > 0) sb.Append(hours).Append('h');
        if (hours > 0 || minutes > 0) sb.Append(minutes).Append('m');
        sb.Append(Fraction(nanos, 1_000_000_000)).Append('s');
        return sb.ToString();
    }

    private static string Fraction(long nanos, long div)
    {
        var whole = nanos / div;
        var rest = nanos % div;
        if (rest == 0) return whole.ToString(CultureInfo.InvariantCulture);
        var digits = div.ToString(CultureInfo.InvariantCulture).Length - 1;
        var frac = rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return whole.ToString(CultureInfo.InvariantCulture) + "." + frac;
    }
}

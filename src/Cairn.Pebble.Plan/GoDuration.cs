using System.Globalization;
using System.Text;

namespace Cairn.Pebble.Plan;

/// <summary>
/// Durations as Go's <c>time.ParseDuration</c> reads them and <c>Duration.String</c> prints them, because
/// layers written for upstream Pebble use that syntax (<c>500ms</c>, <c>1m30s</c>) and <c>pebble plan</c> shows it.
/// Precision is .NET's 100 ns tick.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Nanos)[] Units =
    [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ];

    /// <summary>Parses <paramref name="text"/>; false when it is not a Go duration (a bare number other than 0 is not).</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0") return true;
        if (s.Length == 0) return false;
        double total = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start) return false;
            var number = s[start..i];
            if (number == "." || number.Count(c => c == '.') > 1) return false;
            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            var unit = s[unitStart..i];
            var factor = Units.Where(u => u.Unit == unit).Select(u => u.Nanos).FirstOrDefault();
            if (factor == 0) return false;
            total += double.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * factor;
        }

        value = TimeSpan.FromTicks((long)Math.Round(total / 100) * (negative ? -1 : 1));
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

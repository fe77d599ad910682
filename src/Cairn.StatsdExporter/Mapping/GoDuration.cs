using System.Globalization;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>Go's <c>time.ParseDuration</c>: <c>300ms</c>, <c>1m20s</c>, <c>1.5h</c>, <c>-2s</c>, units ns/us/µs/ms/s/m/h.</summary>
public static class GoDuration
{
    /// <summary>Parses <paramref name="text"/>; false when Go would reject it (a bare number other than 0 needs a unit).</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
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
        duration = TimeSpan.FromTicks((long)(nanoseconds / 100) * (negative ? -1 : 1));
        return true;
    }
}

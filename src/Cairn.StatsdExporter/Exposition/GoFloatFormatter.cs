using System.Globalization;

namespace Cairn.StatsdExporter.Exposition;

/// <summary>
/// Formats a double as the Prometheus text format written by Go does: exactly <c>0</c>, <c>1</c>, <c>-1</c>, <c>NaN</c>,
/// <c>+Inf</c>, <c>-Inf</c>, otherwise <c>strconv.FormatFloat(v, 'g', -1, 64)</c>: the shortest round-trip digits,
/// in exponent form (<c>1e+06</c>, <c>1e-05</c>) when the decimal exponent is below -4 or at least 6.
/// </summary>
public static class GoFloatFormatter
{
    /// <summary>Longest output: sign, 17 digits, point, up to 5 zeros or an exponent.</summary>
    public const int MaxLength = 32;

    /// <summary>The formatted value as a string.</summary>
    public static string Format(double value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var n = Format(value, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>Formats into <paramref name="destination"/> (at least <see cref="MaxLength"/> long) and returns the length.</summary>
    public static int Format(double value, Span<char> destination)
    {
        if (value == 0)
            return Put(destination, "0");
        if (value == 1)
            return Put(destination, "1");
        if (value == -1)
            return Put(destination, "-1");
        if (double.IsNaN(value))
            return Put(destination, "NaN");
        if (double.IsPositiveInfinity(value))
            return Put(destination, "+Inf");
        if (double.IsNegativeInfinity(value))
            return Put(destination, "-Inf");

        // .NET's "R" gives the same shortest round-trip digits as Go; only the layout differs ("1E-05", "1000000").
        Span<char> raw = stackalloc char[MaxLength];
        value.TryFormat(raw, out var rawLength, "R", CultureInfo.InvariantCulture);
        var text = raw[..rawLength];

        var pos = 0;
        if (text[0] == '-')
        {
            destination[pos++] = '-';
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        // Collect the significant digits and where the decimal point falls relative to them.
        Span<char> digits = stackalloc char[MaxLength];
        var count = 0;
        var pointAt = -1;
        foreach (var c in text)
        {
            if (c == '.')
                pointAt = count;
            else
                digits[count++] = c;
        }

        var decimalPoint = (pointAt < 0 ? count : pointAt) + exponent;
        var start = 0;
        while (start < count - 1 && digits[start] == '0')
        {
            start++;
            decimalPoint--;
        }

        var end = count;
        while (end > start + 1 && digits[end - 1] == '0')
            end--;
        var d = digits[start..end];

        var exp10 = decimalPoint - 1;
        if (exp10 < -4 || exp10 >= 6)
        {
            destination[pos++] = d[0];
            if (d.Length > 1)
            {
                destination[pos++] = '.';
                d[1..].CopyTo(destination[pos..]);
                pos += d.Length - 1;
            }

            destination[pos++] = 'e';
            destination[pos++] = exp10 < 0 ? '-' : '+';
            var magnitude = Math.Abs(exp10);
            if (magnitude < 10)
                destination[pos++] = '0';
            magnitude.TryFormat(destination[pos..], out var written, default, CultureInfo.InvariantCulture);
            return pos + written;
        }

        if (decimalPoint <= 0)
        {
            destination[pos++] = '0';
            destination[pos++] = '.';
            for (var i = 0; i < -decimalPoint; i++)
                destination[pos++] = '0';
            d.CopyTo(destination[pos..]);
            return pos + d.Length;
        }

        if (decimalPoint >= d.Length)
        {
            d.CopyTo(destination[pos..]);
            pos += d.Length;
            for (var i = d.Length; i < decimalPoint; i++)
                destination[pos++] = '0';
            return pos;
        }

        d[..decimalPoint].CopyTo(destination[pos..]);
        pos += decimalPoint;
        destination[pos++] = '.';
        d[decimalPoint..].CopyTo(destination[pos..]);
        return pos + d.Length - decimalPoint;
    }

    private static int Put(Span<char> destination, string text)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}

using System.Globalization;

namespace Cairn.StatsdExporter.Ingest;

/// <summary>
/// Parses numbers the way Go's <c>strconv.ParseFloat(s, 64)</c> does, which is what decides whether upstream accepts a
/// StatsD value: no surrounding spaces, case-insensitive <c>inf</c>/<c>infinity</c> with an optional sign,
/// <c>nan</c> without a sign, and overflow (<c>1e400</c>) is an error rather than infinity.
/// </summary>
public static class GoFloat
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Parses <paramref name="text"/>; false when Go would return an error.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.IsEmpty)
            return false;

        var unsigned = text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        // .NET accepts more spellings than Go (whitespace, "∞", "NaN" after a sign); only digits, one sign per part,
        // a point and an exponent reach its parser.
        var sawDigit = false;
        foreach (var c in unsigned)
        {
            if (char.IsAsciiDigit(c))
                sawDigit = true;
            else if (c is not ('.' or 'e' or 'E' or '+' or '-'))
                return false;
        }

        if (!sawDigit || !double.TryParse(text, Style, CultureInfo.InvariantCulture, out value))
            return false;
        return !double.IsInfinity(value);
    }
}

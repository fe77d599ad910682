using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cairn.Pebble.Plan;

/// <summary>
/// Writes a string as a YAML scalar the way upstream's encoder (gopkg.in/yaml.v3) does, so <c>pebble plan</c> is the
/// same text as upstream's: plain when it reads back as the same string and nothing in it needs quoting, else single
/// quotes, else double quotes with escapes; a string with a line break is a literal block (<c>|</c>) where YAML allows
/// one. yaml.v3 never wraps long lines, so neither does this.
/// </summary>
public static partial class YamlScalar
{
    /// <summary>How a scalar is written.</summary>
    public enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }

    /// <summary>The style yaml.v3 picks for <paramref name="value"/>; keys never become literal blocks.</summary>
    public static Style Choose(string value, bool key = false)
    {
        var a = Analysis.Of(value);
        var style = value.Contains('\n') ? Style.Literal : ReadsBackAsString(value) ? Style.Plain : Style.DoubleQuoted;
        if (key && a.Multiline) style = Style.DoubleQuoted;
        if (style == Style.Plain && !a.PlainAllowed) style = Style.SingleQuoted;
        if (style == Style.SingleQuoted && !a.SingleQuotedAllowed) style = Style.DoubleQuoted;
        if (style == Style.Literal && (!a.BlockAllowed || key)) style = Style.DoubleQuoted;
        return style;
    }

    /// <summary>
    /// <paramref name="value"/> on one line (plain, single- or double-quoted); a string that would be a literal block
    /// is double-quoted. For keys and for callers that cannot indent a block.
    /// </summary>
    public static string Inline(string value) => Choose(value, key: true) switch
    {
        Style.Plain => value,
        Style.SingleQuoted => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => DoubleQuoted(value),
    };

    /// <summary>
    /// Appends <paramref name="value"/> after an indicator already written (<c>key:</c> or <c>-</c>, no space yet),
    /// ending the line. A literal block's lines are indented by <paramref name="blockIndent"/> spaces.
    /// </summary>
    public static void Append(StringBuilder text, string value, int blockIndent)
    {
        if (Choose(value) != Style.Literal)
        {
            text.Append(' ').Append(Inline(value)).Append('\n');
            return;
        }

        // The header: an indentation digit when the text starts with a space or a break (else the first line would
        // set the indentation), and the chomping that gives back the trailing breaks exactly.
        text.Append(" |");
        if (value[0] is ' ' or '\n') text.Append('4');
        if (!value.EndsWith('\n')) text.Append('-');
        else if (value.Length == 1 || value[^2] == '\n') text.Append('+');
        text.Append('\n');
        var lines = value.Split('\n');
        var count = value.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            // Empty lines carry no indentation, as yaml.v3 writes them.
            if (lines[i].Length > 0) text.Append(' ', blockIndent).Append(lines[i]);
            text.Append('\n');
        }
    }

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var rune = Rune.GetRuneAt(value, i);
            if (rune.Utf16SequenceLength == 2) i++;
            var c = rune.Value;
            if (IsPrintable(c) && c is not ('"' or '\\' or 0xFEFF) && !IsBreak(c))
            {
                sb.Append(rune.ToString());
                continue;
            }

            sb.Append(c switch
            {
                0x00 => "\\0",
                0x07 => "\\a",
                0x08 => "\\b",
                0x09 => "\\t",
                0x0A => "\\n",
                0x0B => "\\v",
                0x0C => "\\f",
                0x0D => "\\r",
                0x1B => "\\e",
                '"' => "\\\"",
                '\\' => "\\\\",
                0x85 => "\\N",
                0x2028 => "\\L",
                0x2029 => "\\P",
                <= 0xFF => $"\\x{c:X2}",
                <= 0xFFFF => $"\\u{c:X4}",
                _ => $"\\U{c:X8}",
            });
        }

        return sb.Append('"').ToString();
    }

    // yaml.v3's notion of printable: tab and other controls are not, nor is anything beyond the BMP.
    private static bool IsPrintable(int c) =>
        c == 0x0A || c is >= 0x20 and <= 0x7E || c is >= 0xA0 and <= 0xD7FF || c is >= 0xE000 and <= 0xFFFD && c != 0xFEFF;

    private static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    /// <summary>True when the text, written plain, reads back as this string (not null, a bool, a number or a time).</summary>
    private static bool ReadsBackAsString(string v)
    {
        if (v is "" or "~" or "null" or "Null" or "NULL" or "<<") return false;
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return false;
        if (v is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF") return false;
        // YAML 1.1 booleans and sexagesimal numbers: yaml.v3 reads them as strings but quotes them for older readers.
        if (v is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF") return false;
        if (Base60Float().IsMatch(v)) return false;
        if (v[0] == '.') return !DotFloat().IsMatch(v);
        if (v[0] is not ('+' or '-' or (>= '0' and <= '9'))) return true;
        if (IsTimestamp(v)) return false;
        var plain = v.Replace("_", "", StringComparison.Ordinal);
        return !(GoInteger().IsMatch(plain) || YamlFloat().IsMatch(plain));
    }

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60Float();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DotFloat();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();

    // Go's integer literals with base prefixes (strconv.ParseInt with base 0), after yaml.v3 drops underscores.
    [GeneratedRegex(@"^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$")]
    private static partial Regex GoInteger();

    // The timestamp forms yaml.v3 resolves (Go layouts 2006-1-2, with 15:4:5.999999999 after a space, or after T or t
    // with a zone Z07:00), which Go's time.Parse accepts only for dates and times that exist.
    [GeneratedRegex(@"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2}))|(?: ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?))?$")]
    private static partial Regex Timestamp();

    private static bool IsTimestamp(string v)
    {
        var m = Timestamp().Match(v);
        if (!m.Success) return false;
        int N(int group, int other) => int.Parse(m.Groups[m.Groups[group].Success ? group : other].Value, CultureInfo.InvariantCulture);
        var (year, month, day) = (N(1, 1), N(2, 2), N(3, 3));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)) return false;
        if (!m.Groups[4].Success && !m.Groups[7].Success) return true;
        return N(4, 7) <= 23 && N(5, 8) <= 59 && N(6, 9) <= 59;
    }

    /// <summary>What yaml.v3's emitter finds in a scalar: which styles can hold it unchanged.</summary>
    private readonly record struct Analysis(bool Multiline, bool PlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed)
    {
        public static Analysis Of(string v)
        {
            if (v.Length == 0) return new Analysis(false, true, true, false);
            bool indicators = v.StartsWith("---", StringComparison.Ordinal) || v.StartsWith("...", StringComparison.Ordinal);
            bool breaks = false, special = false, tabs = false;
            bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
            bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
            var precededByWhitespace = true;
            for (var i = 0; i < v.Length; i++)
            {
                var first = i == 0;
                var c = (int)v[i];
                if (char.IsHighSurrogate(v[i]) && i + 1 < v.Length && char.IsLowSurrogate(v[i + 1])) c = char.ConvertToUtf32(v[i], v[++i]);
                var last = i == v.Length - 1;
                var followedByWhitespace = last || v[i + 1] is ' ' or '\t' || IsBreak(v[i + 1]);
                if (first)
                {
                    switch (c)
                    {
                        case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                            indicators = true;
                            break;
                        case '?' or ':' or '-' when followedByWhitespace:
                            indicators = true;
                            break;
                    }
                }
                else if (c == ':' && followedByWhitespace || c == '#' && precededByWhitespace)
                {
                    indicators = true;
                }

                if (c == '\t') tabs = true;
                else if (!IsPrintable(c)) special = true;
                if (c == ' ')
                {
                    if (first) leadingSpace = true;
                    if (last) trailingSpace = true;
                    if (previousBreak) breakSpace = true;
                    (previousSpace, previousBreak) = (true, false);
                }
                else if (IsBreak(c))
                {
                    breaks = true;
                    if (first) leadingBreak = true;
                    if (last) trailingBreak = true;
                    if (previousSpace) spaceBreak = true;
                    (previousSpace, previousBreak) = (false, true);
                }
                else
                {
                    (previousSpace, previousBreak) = (false, false);
                }

                precededByWhitespace = c is ' ' or '\t' || IsBreak(c);
            }

            var plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak || tabs || special || breaks || indicators);
            var single = !(breakSpace || spaceBreak || tabs || special);
            var block = !(trailingSpace || spaceBreak || special);
            return new Analysis(breaks, plain, single, block);
        }
    }
}

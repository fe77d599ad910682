using System.Text;
using System.Text.RegularExpressions;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// A <c>name</c> or label template of a regex mapping, expanded with Go's <c>Regexp.Expand</c> rules (not .NET's):
/// <c>$name</c> takes the longest run of letters, digits and <c>_</c> (so <c>$1x</c> is group "1x"), <c>${name}</c>
/// delimits it, <c>$$</c> is a dollar, and an unknown or non-participating group is empty.
/// </summary>
public sealed class RegexTemplate
{
    private readonly List<(string? Literal, string? Group)> _parts = [];

    private RegexTemplate()
    {
    }

    /// <summary>Compiles <paramref name="template"/>.</summary>
    public static RegexTemplate Compile(string template)
    {
        var result = new RegexTemplate();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (template[i + 1] == '$')
            {
                literal.Append('$');
                i += 2;
                continue;
            }

            string? group = null;
            var next = i + 1;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close > i + 2 && IsName(template.AsSpan(i + 2, close - i - 2)))
                {
                    group = template.Substring(i + 2, close - i - 2);
                    next = close + 1;
                }
            }
            else
            {
                var end = i + 1;
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                    end++;
                if (end > i + 1)
                {
                    group = template.Substring(i + 1, end - i - 1);
                    next = end;
                }
            }

            if (group is null)
            {
                // Go copies a malformed reference's '$' literally.
                literal.Append(c);
                i++;
                continue;
            }

            if (literal.Length > 0)
            {
                result._parts.Add((literal.ToString(), null));
                literal.Clear();
            }

            result._parts.Add((null, group));
            i = next;
        }

        if (literal.Length > 0)
            result._parts.Add((literal.ToString(), null));
        return result;
    }

    /// <summary>The expansion for one match of <paramref name="regex"/>.</summary>
    public string Expand(GoRegex regex, Match match)
    {
        if (_parts.Count == 1 && _parts[0].Literal is { } only)
            return only;
        var sb = new StringBuilder();
        foreach (var (literal, group) in _parts)
        {
            if (literal is not null)
            {
                sb.Append(literal);
                continue;
            }

            var number = ParseGroupNumber(group!);
            if (number < 0 && !regex.GroupNumbers.TryGetValue(group!, out number))
                continue;
            if (number < match.Groups.Count && match.Groups[number].Success)
                sb.Append(match.Groups[number].ValueSpan);
        }

        return sb.ToString();
    }

    private static int ParseGroupNumber(string name)
    {
        var n = 0;
        foreach (var c in name)
        {
            if (!char.IsAsciiDigit(c) || n > 100_000_000)
                return -1;
            n = n * 10 + (c - '0');
        }

        return n;
    }

    private static bool IsName(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }

        return true;
    }
}

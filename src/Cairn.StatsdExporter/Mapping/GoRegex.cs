using System.Text;
using System.Text.RegularExpressions;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// A regex written for Go's RE2, run by .NET. Named groups (<c>(?P&lt;n&gt;…)</c> or <c>(?&lt;n&gt;…)</c>) are turned into
/// plain groups and their names kept here, because Go numbers named and unnamed groups together in order of
/// appearance while .NET numbers named groups last: <c>$1</c> must mean the same group as upstream.
/// </summary>
public sealed class GoRegex
{
    /// <summary>A backtracking engine can be made to run for a very long time by a bad pattern; RE2 cannot.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private GoRegex(Regex regex, Dictionary<string, int> groupNumbers)
    {
        Regex = regex;
        GroupNumbers = groupNumbers;
    }

    /// <summary>The .NET regex (only numbered groups).</summary>
    public Regex Regex { get; }

    /// <summary>Go's number of each named group.</summary>
    public IReadOnlyDictionary<string, int> GroupNumbers { get; }

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    public static GoRegex Compile(string pattern)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var converted = new StringBuilder(pattern.Length);
        var groups = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                converted.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                    inClass = false;
                converted.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                converted.Append(c);
                // A ']' right after '[' or '[^' is a literal member, not the end.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    converted.Append(pattern[++i]);
                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    converted.Append(pattern[++i]);
                continue;
            }

            if (c == '(')
            {
                var rest = pattern.AsSpan(i + 1);
                var nameStart = rest.StartsWith("?P<") ? 3 : rest.StartsWith("?<") && rest.Length > 2 && rest[2] is not ('=' or '!') ? 2 : -1;
                if (nameStart > 0)
                {
                    var close = rest.IndexOf('>');
                    if (close < 0)
                        throw new ArgumentException("unterminated group name");
                    groups++;
                    names[rest[nameStart..close].ToString()] = groups;
                    converted.Append('(');
                    i += close + 1;
                    continue;
                }

                if (rest.IsEmpty || rest[0] != '?')
                    groups++;
            }

            converted.Append(c);
        }

        var regex = new Regex(converted.ToString(), RegexOptions.CultureInvariant, MatchTimeout);
        return new GoRegex(regex, names);
    }

    /// <summary>The first match in <paramref name="input"/> (unanchored, like RE2's <c>FindStringSubmatch</c>), or null; a match that times out counts as none.</summary>
    public Match? Match(string input)
    {
        try
        {
            var m = Regex.Match(input);
            return m.Success ? m : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}

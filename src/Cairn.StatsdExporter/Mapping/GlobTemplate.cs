using System.Text;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// A <c>name</c> or label template of a glob mapping. A reference is <c>$</c>, an optional <c>{</c>, the longest run of
/// <c>[A-Za-z0-9_$]</c> and an optional <c>}</c>; when the run is a capture number (1..captures) it is replaced by that
/// capture, otherwise the whole reference disappears (<c>$1_total</c> is empty: write <c>${1}_total</c>). That is
/// upstream's documented behaviour; its <c>%</c> corruption is not reproduced.
/// </summary>
public sealed class GlobTemplate
{
    private readonly string[] _literals;
    private readonly int[] _captures;

    private GlobTemplate(string[] literals, int[] captures)
    {
        _literals = literals;
        _captures = captures;
    }

    /// <summary>True when the template has no capture reference (it expands to a constant).</summary>
    public bool IsConstant => _captures.Length == 0;

    /// <summary>Compiles <paramref name="template"/> for a pattern with <paramref name="captureCount"/> wildcards.</summary>
    public static GlobTemplate Compile(string template, int captureCount)
    {
        var literals = new List<string>();
        var captures = new List<int>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '$')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var j = i + 1;
            if (j < template.Length && template[j] == '{')
                j++;
            var runStart = j;
            while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] is '_' or '$'))
                j++;
            if (j == runStart)
            {
                // Not a reference: "$" at the end, or "$" followed by punctuation, stays as written.
                literal.Append(c);
                i++;
                continue;
            }

            var run = template.AsSpan(runStart, j - runStart);
            if (j < template.Length && template[j] == '}')
                j++;
            if (int.TryParse(run, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                && index >= 1 && index <= captureCount)
            {
                literals.Add(literal.ToString());
                literal.Clear();
                captures.Add(index - 1);
            }

            i = j;
        }

        literals.Add(literal.ToString());
        return new GlobTemplate(literals.ToArray(), captures.ToArray());
    }

    /// <summary>The template with each reference replaced by its capture from <paramref name="captures"/>.</summary>
    public string Expand(IReadOnlyList<string> captures)
    {
        if (_captures.Length == 0)
            return _literals[0];
        var sb = new StringBuilder();
        for (var k = 0; k < _captures.Length; k++)
            sb.Append(_literals[k]).Append(captures[_captures[k]]);
        return sb.Append(_literals[^1]).ToString();
    }
}

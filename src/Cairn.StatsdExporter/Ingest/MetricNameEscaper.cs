using System.Text;

namespace Cairn.StatsdExporter.Ingest;

/// <summary>
/// Turns any StatsD name (or tag key) into the Prometheus name alphabet the way upstream does: keep
/// <c>[A-Za-z0-9_]</c>, prefix a leading digit with <c>_</c>, replace every other code point with one <c>_</c>, and
/// collapse a run of dashes into a single <c>_</c>.
/// </summary>
public static class MetricNameEscaper
{
    /// <summary>The escaped form of <paramref name="name"/>; returns the same instance when nothing changes.</summary>
    public static string Escape(string name)
    {
        if (IsClean(name))
            return name;

        var sb = new StringBuilder(name.Length + 1);
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
            sb.Append('_');
        var previousWasDash = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                sb.Append(c);
                previousWasDash = false;
                continue;
            }

            if (c == '-' && previousWasDash)
                continue;
            previousWasDash = c == '-';
            sb.Append('_');
            // One code point, one underscore: the low half of a surrogate pair is part of the same character.
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                i++;
        }

        return sb.ToString();
    }

    private static bool IsClean(string name)
    {
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }

        return true;
    }
}

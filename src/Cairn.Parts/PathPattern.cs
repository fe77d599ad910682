using System.Text;
using System.Text.RegularExpressions;

namespace Cairn.Parts;

/// <summary>
/// Shell-style patterns on '/'-separated relative paths, in the two flavours craft-parts uses:
/// <see cref="Glob"/> (Python's <c>Path.glob</c>: <c>*</c> stays inside one component, <c>**</c> spans components,
/// hidden names only match a component that itself starts with '.') for filesets, and <see cref="FnMatch"/>
/// (Python's <c>fnmatch</c>: <c>*</c> crosses '/') for permissions.
/// </summary>
public sealed class PathPattern
{
    private readonly Regex[]? components;
    private readonly bool[]? recursive;
    private readonly Regex? whole;

    private PathPattern(Regex[]? components, bool[]? recursive, Regex? whole)
    {
        this.components = components;
        this.recursive = recursive;
        this.whole = whole;
    }

    /// <summary>A fileset glob.</summary>
    public static PathPattern Glob(string pattern)
    {
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new PathPattern(
            parts.Select(p => p == "**" ? new Regex("^$") : new Regex("^" + Translate(p, crossSlash: false) + "$", RegexOptions.CultureInvariant)).ToArray(),
            parts.Select(p => p == "**").ToArray(),
            null);
    }

    /// <summary>A permissions pattern.</summary>
    public static PathPattern FnMatch(string pattern) =>
        new(null, null, new Regex("^" + Translate(pattern, crossSlash: true) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline));

    /// <summary>Whether <paramref name="path"/> (relative, '/'-separated) matches.</summary>
    public bool IsMatch(string path)
    {
        if (whole is not null) return whole.IsMatch(path);
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return MatchFrom(0, names, 0);
    }

    private bool MatchFrom(int p, string[] names, int n)
    {
        if (p == components!.Length) return n == names.Length;
        if (recursive![p])
        {
            // '**' takes zero or more non-hidden components.
            for (var k = n; k <= names.Length; k++)
            {
                if (MatchFrom(p + 1, names, k)) return true;
                if (k < names.Length && names[k].StartsWith('.')) return false;
            }

            return false;
        }

        if (n == names.Length) return false;
        var name = names[n];
        var pattern = components[p];
        if (name.StartsWith('.') && !pattern.ToString().StartsWith("^\\.", StringComparison.Ordinal)) return false;
        return pattern.IsMatch(name) && MatchFrom(p + 1, names, n + 1);
    }

    private static string Translate(string pattern, bool crossSlash)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    sb.Append(crossSlash ? ".*" : "[^/]*");
                    break;
                case '?':
                    sb.Append(crossSlash ? "." : "[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2 <= pattern.Length ? i + 2 : i + 1);
                    if (close < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var body = pattern[(i + 1)..close];
                    if (body.StartsWith('!')) body = "^" + body[1..];
                    sb.Append('[').Append(body.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return sb.ToString();
    }
}

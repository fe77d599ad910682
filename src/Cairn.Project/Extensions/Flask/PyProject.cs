using System.Text;

namespace Cairn.Project.Extensions.Flask;

/// <summary>
/// Reads <c>[project].dependencies</c> from pyproject.toml: the one TOML value the extension needs. It knows
/// tables, comments, and arrays of basic or literal strings spanning lines; other values are skipped.
/// </summary>
public static class PyProject
{
    /// <summary>The strings of <c>[project].dependencies</c>, or empty when there is none.</summary>
    public static IReadOnlyList<string> ProjectDependencies(string text)
    {
        var table = "";
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('['))
            {
                table = line.Trim('[', ']', ' ');
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq < 0)
                continue;
            var key = line[..eq].Trim().Trim('"', '\'');
            var isDependencies = (table == "project" && key == "dependencies") || (table == "" && key == "project.dependencies");
            if (!isDependencies)
                continue;
            // Collect the array, which may continue over the following lines, up to its closing bracket.
            var value = new StringBuilder(line[(eq + 1)..]);
            while (!ArrayClosed(value.ToString()) && ++i < lines.Length)
                value.Append('\n').Append(lines[i]);
            return Strings(value.ToString());
        }

        return [];
    }

    private static bool ArrayClosed(string text) => ScanArray(text, out _);

    private static List<string> Strings(string text)
    {
        ScanArray(text, out var strings);
        return strings;
    }

    /// <summary>Walks an array literal, collecting its strings; true when its closing bracket was seen.</summary>
    private static bool ScanArray(string text, out List<string> strings)
    {
        strings = [];
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                if (--depth <= 0)
                    return true;
            }
            else if (c is '"' or '\'')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (c == '"' && text[i] == '\\' && i + 1 < text.Length)
                        i++;
                    sb.Append(text[i++]);
                }

                strings.Add(sb.ToString());
            }
        }

        return false;
    }
}

namespace Cairn.StatsdExporter.Mapping;

/// <summary>What a metric name, a label name and a glob component may be.</summary>
public static partial class MappingConfigLoader
{
    private static bool IsLabelName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name.StartsWith("__", StringComparison.Ordinal))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }

        return true;
    }

    /// <summary><c>^([a-zA-Z_]|\$\{?\d+\}?)([a-zA-Z0-9_]|\$\{?\d+\}?)*$</c>.</summary>
    private static bool IsNameTemplate(string name)
    {
        var i = 0;
        var first = true;
        while (i < name.Length)
        {
            var c = name[i];
            if (c == '$')
            {
                var j = i + 1;
                if (j < name.Length && name[j] == '{')
                    j++;
                var digits = j;
                while (j < name.Length && char.IsAsciiDigit(name[j]))
                    j++;
                if (j == digits)
                    return false;
                if (j < name.Length && name[j] == '}')
                    j++;
                i = j;
            }
            else if (char.IsAsciiLetter(c) || c == '_' || (!first && char.IsAsciiDigit(c)))
            {
                i++;
            }
            else
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    private static bool IsGlobComponent(string component, bool isFirst)
    {
        if (component == "*")
            return true;
        if (component.Length == 0 || (isFirst && (char.IsAsciiDigit(component[0]) || component[0] == '-')) || component[0] == '-')
            return false;
        foreach (var c in component)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
                return false;
        }

        return true;
    }
}

namespace Cairn.Sandbox.Packages;

/// <summary>
/// One paragraph of a Debian control-format file (a .deb's <c>control</c>, a dpkg status file, a machine-readable
/// copyright file): fields in their order, names compared without case as dpkg does, a folded value's lines kept
/// with their leading space.
/// </summary>
public sealed class DebianControl
{
    private readonly List<KeyValuePair<string, string>> _fields;

    private DebianControl(List<KeyValuePair<string, string>> fields) => _fields = fields;

    /// <summary>The fields in the order the paragraph has them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>A field's value (the first line's text, then each continuation line after a newline), or null.</summary>
    public string? this[string name] =>
        _fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The paragraphs of <paramref name="text"/>; blank lines separate them, '#' lines are comments.</summary>
    public static IReadOnlyList<DebianControl> ParseAll(string text)
    {
        var paragraphs = new List<DebianControl>();
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                if (fields.Count > 0) paragraphs.Add(new DebianControl(fields));
                fields = [];
                continue;
            }

            if (line.StartsWith('#')) continue;
            if ((line[0] == ' ' || line[0] == '\t') && fields.Count > 0)
            {
                var last = fields[^1];
                fields[^1] = new(last.Key, last.Value + "\n" + line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            // A line that is neither a field nor a continuation is not control data; it is skipped rather than
            // trusted, since a package record is only ever read for what it tells about the package.
            if (colon <= 0) continue;
            fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        if (fields.Count > 0) paragraphs.Add(new DebianControl(fields));
        return paragraphs;
    }

    /// <summary>The first paragraph of <paramref name="text"/>, or null when it has none.</summary>
    public static DebianControl? Parse(string text) => ParseAll(text) is [var first, ..] ? first : null;

    /// <summary>The paragraph as control text, one field a line, ending in a newline.</summary>
    public string Render() =>
        string.Concat(_fields.Select(f => f.Value.StartsWith('\n') ? $"{f.Key}:{f.Value}\n" : $"{f.Key}: {f.Value}\n"));
}

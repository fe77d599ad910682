using System.Text;

namespace Cairn.Diagnostics;

/// <summary>
/// Renders diagnostics for a terminal: <c>FILE:LINE:COL: cannot ...</c>, then the offending source line with
/// a caret under the column, then <c>hint: ...</c>. A diagnostic without a location renders as
/// <c>error: cannot ...</c>. The source text is read through <see cref="ReadLines"/> so tests can supply it.
/// </summary>
public sealed class DiagnosticRenderer
{
    private readonly Func<string, IReadOnlyList<string>?> readLines;
    private readonly Dictionary<string, IReadOnlyList<string>?> cache = new(StringComparer.Ordinal);

    /// <param name="readLines">Returns the lines of a file named by a <see cref="SourceLocation"/>, or null when unreadable.</param>
    public DiagnosticRenderer(Func<string, IReadOnlyList<string>?> readLines)
    {
        this.readLines = readLines;
    }

    /// <summary>A renderer that reads source lines from the real file system (missing files show no source line).</summary>
    /// <param name="baseDirectory">What relative locations are relative to (the current directory when null).</param>
    public static DiagnosticRenderer ForFileSystem(string? baseDirectory = null) => new(file =>
    {
        try
        {
            var path = baseDirectory is null ? file : Path.Combine(baseDirectory, file);
            return File.Exists(path) ? File.ReadAllLines(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    });

    /// <summary>The lines of a file, cached, or null.</summary>
    public IReadOnlyList<string>? ReadLines(string path)
    {
        if (!cache.TryGetValue(path, out var lines))
        {
            lines = readLines(path);
            cache[path] = lines;
        }

        return lines;
    }

    /// <summary>All diagnostics, each ending with a newline, in the order given.</summary>
    public string Render(IEnumerable<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
            sb.Append(Render(d));
        return sb.ToString();
    }

    /// <summary>One diagnostic, ending with a newline.</summary>
    public string Render(Diagnostic diagnostic)
    {
        var sb = new StringBuilder();
        var location = diagnostic.Location;
        if (location is null)
            sb.Append("error: ");
        else
            sb.Append(location).Append(": ");
        sb.Append(diagnostic.Message).Append('\n');

        if (location is { Line: > 0 } && ReadLines(location.File) is { } lines && location.Line <= lines.Count)
        {
            var line = lines[location.Line - 1].TrimEnd('\r');
            sb.Append("  ").Append(line).Append('\n');
            if (location.Column > 0)
            {
                // Keep tabs so the caret lines up under the same column as in the shown line.
                var pad = new StringBuilder();
                for (var i = 0; i < location.Column - 1 && i < line.Length; i++)
                    pad.Append(line[i] == '\t' ? '\t' : ' ');
                for (var i = line.Length; i < location.Column - 1; i++)
                    pad.Append(' ');
                sb.Append("  ").Append(pad).Append("^\n");
            }
        }

        if (!string.IsNullOrEmpty(diagnostic.Hint))
            sb.Append("hint: ").Append(diagnostic.Hint).Append('\n');
        return sb.ToString();
    }
}

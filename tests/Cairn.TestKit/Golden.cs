using System.Text;

namespace Cairn.TestKit;

/// <summary>
/// Compares text with a committed golden file. On a mismatch it writes <c>NAME.actual</c> beside it and
/// fails with a diff; with <c>CAIRN_ACCEPT_GOLDEN=1</c> it rewrites the golden file instead.
/// </summary>
public static class Golden
{
    /// <summary>Asserts that <paramref name="actual"/> equals the file at <paramref name="goldenPath"/> (relative to the repository root, or absolute).</summary>
    public static void Assert(string goldenPath, string actual, params (string Value, string Placeholder)[] replacements)
    {
        var path = System.IO.Path.IsPathRooted(goldenPath) ? goldenPath : Repository.PathOf(goldenPath);
        var normalised = Normalise(actual, replacements);
        var actualPath = path + ".actual";
        if (Environment.GetEnvironmentVariable("CAIRN_ACCEPT_GOLDEN") == "1")
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalised);
            File.Delete(actualPath);
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == normalised)
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, normalised);
        var message = expected is null
            ? $"golden file {path} does not exist; the output was written to {actualPath}.\nRun with CAIRN_ACCEPT_GOLDEN=1 to accept it."
            : $"output differs from golden file {path} (actual written beside it):\n{Diff(expected, normalised)}\nRun with CAIRN_ACCEPT_GOLDEN=1 to accept it.";
        throw new Xunit.Sdk.XunitException(message);
    }

    /// <summary>LF line endings, and machine-specific strings (temp paths, the checkout) replaced by placeholders.</summary>
    public static string Normalise(string text, params (string Value, string Placeholder)[] replacements)
    {
        var result = text.ReplaceLineEndings("\n");
        foreach (var (value, placeholder) in replacements.OrderByDescending(r => r.Value.Length))
            result = result.Replace(value, placeholder, StringComparison.Ordinal);
        return result.Replace(Repository.Root.TrimEnd('/'), "<repo>", StringComparison.Ordinal);
    }

    /// <summary>A compact line diff: the first differing region with a little context.</summary>
    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = 0;
        while (first < e.Length && first < a.Length && e[first] == a[first]) first++;
        var endE = e.Length - 1;
        var endA = a.Length - 1;
        while (endE >= first && endA >= first && e[endE] == a[endA]) { endE--; endA--; }
        var sb = new StringBuilder();
        sb.Append("@@ line ").Append(first + 1).Append(" @@\n");
        for (var i = Math.Max(0, first - 3); i < first; i++) sb.Append("  ").Append(e[i]).Append('\n');
        for (var i = first; i <= endE; i++) sb.Append("- ").Append(e[i]).Append('\n');
        for (var i = first; i <= endA; i++) sb.Append("+ ").Append(a[i]).Append('\n');
        return sb.ToString();
    }
}

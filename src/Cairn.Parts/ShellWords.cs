namespace Cairn.Parts;

/// <summary>Quoting for generated bash.</summary>
public static class ShellWords
{
    /// <summary>Single-quotes <paramref name="word"/> for bash, so nothing in it expands.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

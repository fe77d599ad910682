namespace Cairn.Project.Validation;

/// <summary>Lists written as a sentence says them, for messages: "a", "a and b", "a, b and c".</summary>
public static class EnglishList
{
    /// <summary>The items joined by commas, the last one by <paramref name="conjunction"/> ("and", "or").</summary>
    public static string Join(IReadOnlyList<string> items, string conjunction) =>
        items.Count <= 1 ? string.Join("", items) : $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}";
}

using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// Orderings and equality for label sets, matching Go: strings compare by UTF-8 bytes (not UTF-16 code units, which
/// differ for characters beyond U+FFFF versus U+E000..U+FFFF); series with fewer labels come first, then label values
/// in label-name order (client_golang's <c>MetricSorter</c>).
/// </summary>
public sealed class LabelOrder : IEqualityComparer<Label[]>, IComparer<Series>
{
    /// <summary>The single instance.</summary>
    public static LabelOrder Instance { get; } = new();

    /// <summary>Compares two strings in UTF-8 byte order.</summary>
    public static int CompareUtf8(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
                return Weight(a[i]) - Weight(b[i]);
        }

        return a.Length - b.Length;
    }

    /// <inheritdoc />
    public int Compare(Series? x, Series? y)
    {
        var a = x!.Labels;
        var b = y!.Labels;
        if (a.Length != b.Length)
            return a.Length - b.Length;
        for (var i = 0; i < a.Length; i++)
        {
            var c = CompareUtf8(a[i].Value, b[i].Value);
            if (c != 0)
                return c;
        }

        // Same values under different names: order by the names so the output is still deterministic.
        for (var i = 0; i < a.Length; i++)
        {
            var c = string.CompareOrdinal(a[i].Name, b[i].Name);
            if (c != 0)
                return c;
        }

        return 0;
    }

    /// <inheritdoc />
    public bool Equals(Label[]? x, Label[]? y)
    {
        if (ReferenceEquals(x, y))
            return true;
        if (x is null || y is null || x.Length != y.Length)
            return false;
        for (var i = 0; i < x.Length; i++)
        {
            if (!string.Equals(x[i].Name, y[i].Name, StringComparison.Ordinal) || !string.Equals(x[i].Value, y[i].Value, StringComparison.Ordinal))
                return false;
        }

        return true;
    }

    /// <inheritdoc />
    public int GetHashCode(Label[] obj)
    {
        var hash = new HashCode();
        foreach (var label in obj)
        {
            hash.Add(label.Name, StringComparer.Ordinal);
            hash.Add(label.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Maps UTF-16 units so that surrogates (characters beyond U+FFFF) sort after U+E000..U+FFFF, as in UTF-8.</summary>
    private static int Weight(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}

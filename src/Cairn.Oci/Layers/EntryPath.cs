namespace Cairn.Oci.Layers;

/// <summary>Archive paths: the one normal form (no leading '/' or './', no trailing '/') and the one sort order.</summary>
public static class EntryPath
{
    /// <summary>
    /// Orders paths component by component (ordinal): a directory comes right before its contents, and
    /// <c>a/x</c> before <c>a-b</c>. Comparing with '/' as the lowest character gives exactly that order.
    /// </summary>
    public static IComparer<string> Order { get; } = Comparer<string>.Create(Compare);

    /// <summary>The normal form of <paramref name="path"/>; throws CAIRN5003 for paths a layer cannot hold.</summary>
    public static string Normalise(string path)
    {
        var trimmed = path;
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
            trimmed = trimmed[2..];
        trimmed = trimmed.Trim('/');
        if (trimmed.Length == 0 || trimmed == ".")
            throw OciErrors.InvalidPath(path, "it names the root directory, which a layer does not list");
        if (trimmed.Contains('\0'))
            throw OciErrors.InvalidPath(path, "it contains a NUL character");
        foreach (var component in trimmed.Split('/'))
        {
            if (component is "" or "." or "..")
                throw OciErrors.InvalidPath(path, "empty, '.' and '..' components are not allowed");
        }

        return trimmed;
    }

    /// <summary>The parent of a normalised path, or null at the top.</summary>
    public static string? Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }

    private static int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i] == '/' ? -1 : a[i];
            var y = b[i] == '/' ? -1 : b[i];
            if (x != y)
                return x < y ? -1 : 1;
        }

        return a.Length.CompareTo(b.Length);
    }
}

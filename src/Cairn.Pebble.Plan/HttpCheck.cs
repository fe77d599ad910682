namespace Cairn.Pebble.Plan;

/// <summary>The <c>http:</c> block of a check: GET <see cref="Url"/>, healthy on a 2xx status.</summary>
public sealed class HttpCheck
{
    public string? Url { get; set; }
    public SortedDictionary<string, string> Headers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A deep copy.</summary>
    public HttpCheck Copy() => new() { Url = Url, Headers = new(Headers, StringComparer.Ordinal) };

    /// <summary>Merges a newer definition onto this one.</summary>
    public void Merge(HttpCheck newer)
    {
        if (!string.IsNullOrEmpty(newer.Url)) Url = newer.Url;
        foreach (var (k, v) in newer.Headers) Headers[k] = v;
    }
}

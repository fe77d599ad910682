namespace Cairn.Pebble.Daemon;

/// <summary>A parsed HTTP request to the API, with the caller's access level.</summary>
internal sealed class ApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }

    /// <summary>The request target as sent (path and query), for the request log.</summary>
    public required string Target { get; init; }

    public Dictionary<string, List<string>> Query { get; init; } = [];
    public byte[] Body { get; init; } = [];

    /// <summary>True when the caller is root or the daemon's own user on the unix socket.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>False for the optional <c>--http</c> TCP listener (only open endpoints answer there).</summary>
    public bool IsUnix { get; init; }

    /// <summary>A single query value, or null.</summary>
    public string? One(string key) => Query.TryGetValue(key, out var v) && v.Count > 0 ? v[^1] : null;

    /// <summary>A list query value: comma-separated and/or repeated, empty items dropped.</summary>
    public List<string> List(string key) =>
        Query.TryGetValue(key, out var v) ? v.SelectMany(x => x.Split(',')).Where(x => x.Length > 0).ToList() : [];
}

namespace Cairn.Pebble.Daemon;

/// <summary>
/// One entry of the API's route table: a path (ending in <c>/</c>: every path under it) and, per method, who may call
/// it and what answers. A path with no entry is 404, a method the entry lacks 405, a caller its access refuses 401.
/// </summary>
internal sealed record ApiRoute(string Path, ApiMethod? Get = null, ApiMethod? Post = null)
{
    /// <summary>The route for <paramref name="path"/>: its own entry, else the entry of the directory it is under.</summary>
    public static ApiRoute? Find(IReadOnlyList<ApiRoute> routes, string path) =>
        routes.FirstOrDefault(r => r.Path == path)
        ?? routes.FirstOrDefault(r => r.Path.EndsWith('/') && path.StartsWith(r.Path, StringComparison.Ordinal));

    /// <summary>The handler for <paramref name="method"/>, or null when the route does not take it.</summary>
    public ApiMethod? For(string method) => method switch
    {
        "GET" => Get,
        "POST" => Post,
        _ => null,
    };
}

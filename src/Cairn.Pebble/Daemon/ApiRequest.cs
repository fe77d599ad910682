using System.Net.Sockets;
using Cairn.Http;
using Cairn.Pebble.Native;

namespace Cairn.Pebble.Daemon;

/// <summary>A request to the API: path unescaped, query decoded, and the caller's access level.</summary>
internal sealed class ApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }

    /// <summary>The request target as sent (path and query), for the request log.</summary>
    public required string Target { get; init; }

    public Dictionary<string, List<string>> Query { get; init; } = [];
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>True when the caller is root or the daemon's own user on the unix socket.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>False for the optional <c>--http</c> TCP listener (only open endpoints answer there).</summary>
    public bool IsUnix { get; init; }

    /// <summary>Cancelled when the client goes away (a long poll then stops waiting) or the daemon stops.</summary>
    public CancellationToken Aborted { get; init; }

    /// <summary>A single query value, or null.</summary>
    public string? One(string key) => Query.TryGetValue(key, out var v) && v.Count > 0 ? v[^1] : null;

    /// <summary>A list query value: comma-separated and/or repeated, empty items dropped.</summary>
    public List<string> List(string key) =>
        Query.TryGetValue(key, out var v) ? v.SelectMany(x => x.Split(',')).Where(x => x.Length > 0).ToList() : [];

    /// <summary>The API's view of a request the HTTP server read.</summary>
    public static ApiRequest From(HttpRequest request)
    {
        var query = new Dictionary<string, List<string>>();
        foreach (var pair in request.Query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!query.TryGetValue(key, out var list)) query[key] = list = [];
            list.Add(value);
        }

        var isUnix = request.Connection.AddressFamily == AddressFamily.Unix;
        return new ApiRequest
        {
            Method = request.Method, Path = Uri.UnescapeDataString(request.Path), Target = request.Target, Query = query, Body = request.Body,
            IsUnix = isUnix, IsAdmin = isUnix && IsPeerAdmin(request.Connection), Aborted = request.Aborted,
        };
    }

    private static unsafe bool IsPeerAdmin(Socket client)
    {
        // SO_PEERCRED gives the connecting process's uid: root or our own user may change things.
        var cred = stackalloc int[3];
        var length = 12;
        if (Libc.getsockopt(client.Handle, 1, 17, cred, ref length) != 0) return false;
        var uid = (uint)cred[1];
        return uid == 0 || uid == Libc.getuid();
    }
}

using System.Net.Sockets;

namespace Cairn.Http;

/// <summary>A request as it arrived: nothing decoded but the framing, so each daemon reads paths and queries its own way.</summary>
public sealed class HttpRequest
{
    /// <summary>The method as sent, e.g. GET.</summary>
    public required string Method { get; init; }

    /// <summary>The request target as sent (path and query).</summary>
    public required string Target { get; init; }

    /// <summary>The target up to <c>?</c>, not unescaped.</summary>
    public string Path => Target.IndexOf('?') is var q and >= 0 ? Target[..q] : Target;

    /// <summary>The target after <c>?</c>, or empty.</summary>
    public string Query => Target.IndexOf('?') is var q and >= 0 ? Target[(q + 1)..] : "";

    /// <summary>HTTP/1.0 or HTTP/1.1.</summary>
    public required string Version { get; init; }

    /// <summary>The header fields in order, names as sent, values trimmed.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The client's connection, for what only the socket knows (its family, the peer's credentials).</summary>
    public required Socket Connection { get; init; }

    /// <summary>Cancelled when the server stops or, on a connection that closes after this answer, the client goes away.</summary>
    public CancellationToken Aborted { get; init; }

    /// <summary>The last value of header <paramref name="name"/> (any case), or null.</summary>
    public string? Header(string name)
    {
        string? value = null;
        foreach (var (key, v) in Headers)
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                value = v;
        return value;
    }
}

namespace Cairn.Http;

/// <summary>
/// What one client may cost the server. Every limit is checked before the memory or time it guards is spent: a
/// request is refused on its declared size, never after buffering it.
/// </summary>
public sealed record HttpLimits
{
    /// <summary>Longest request line (method, target, version) in bytes; beyond it: 414.</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    /// <summary>Largest request head (request line and every header, with their line ends) in bytes; beyond it: 431.</summary>
    public int MaxHeaderBytes { get; init; } = 16 * 1024;

    /// <summary>Most header fields in one request; beyond it: 431.</summary>
    public int MaxHeaderCount { get; init; } = 64;

    /// <summary>Largest request body in bytes; a larger <c>Content-Length</c> is answered 413 before anything is read.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Connections served at once; a connection beyond it is answered 503 and closed.</summary>
    public int MaxConnections { get; init; } = 128;

    /// <summary>How long a connection may send nothing while the server waits for a request.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a client has, from its first byte, to send the whole request (head and body); then 408.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long writing a complete (not streamed) answer may take before the connection is dropped.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

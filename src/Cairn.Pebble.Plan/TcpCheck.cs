namespace Cairn.Pebble.Plan;

/// <summary>The <c>tcp:</c> block of a check: healthy when a connection to host:port succeeds.</summary>
public sealed class TcpCheck
{
    public int? Port { get; set; }

    /// <summary>Host to connect to; <c>localhost</c> when unset.</summary>
    public string? Host { get; set; }

    /// <summary>A copy.</summary>
    public TcpCheck Copy() => new() { Port = Port, Host = Host };

    /// <summary>Merges a newer definition onto this one.</summary>
    public void Merge(TcpCheck newer)
    {
        if (newer.Port is not null and not 0) Port = newer.Port;
        if (!string.IsNullOrEmpty(newer.Host)) Host = newer.Host;
    }
}

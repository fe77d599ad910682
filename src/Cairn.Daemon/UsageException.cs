namespace Cairn.Daemon;

/// <summary>
/// A bad command line. Each daemon prints the message its upstream's way (pebble <c>error: …</c>, the exporter
/// <c>statsd_exporter: error: …</c>) and exits with 1.
/// </summary>
public sealed class UsageException(string message) : Exception(message);

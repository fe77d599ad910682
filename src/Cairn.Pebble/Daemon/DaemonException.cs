namespace Cairn.Pebble.Daemon;

/// <summary>A fatal daemon error: printed as <c>error: cannot run daemon: ...</c>, exit code 1.</summary>
internal sealed class DaemonException(string message) : Exception(message);

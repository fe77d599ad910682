namespace Cairn.Pebble.Daemon;

/// <summary>A fatal daemon error: printed as <c>cannot run daemon: ...</c> (no <c>error: </c>, as upstream), exit code 1.</summary>
internal sealed class DaemonException(string message) : Exception(message);

namespace Cairn.Pebble.Reaper;

/// <summary>A process could not be started; the message follows Go's wording (<c>fork/exec X: no such file or directory</c>).</summary>
internal sealed class SpawnException(string message) : Exception(message);

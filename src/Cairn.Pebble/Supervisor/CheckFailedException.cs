namespace Cairn.Pebble.Supervisor;

/// <summary>A check run failed; the message is the failure detail.</summary>
internal sealed class CheckFailedException(string message) : Exception(message);

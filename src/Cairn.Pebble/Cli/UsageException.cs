namespace Cairn.Pebble.Cli;

/// <summary>Bad command-line usage; printed as <c>error: ...</c> with exit code 1.</summary>
internal sealed class UsageException(string message) : Exception(message);

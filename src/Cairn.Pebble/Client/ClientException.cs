namespace Cairn.Pebble.Client;

/// <summary>A client-side failure, printed as <c>error: ...</c>.</summary>
internal sealed class ClientException(string message) : Exception(message);

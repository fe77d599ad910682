namespace Cairn.Pebble.Supervisor;

/// <summary>A start failed within its okay window; carries the last output lines for the task log.</summary>
internal sealed class ServiceStartException(string message, IReadOnlyList<string> recentOutput) : Exception(message)
{
    public IReadOnlyList<string> RecentOutput { get; } = recentOutput;
}

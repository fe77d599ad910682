using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Supervisor;

/// <summary>State of one check as the API reports it.</summary>
internal sealed record CheckInfo(string Name, CheckLevel Level, Startup Startup, string Status, int Successes, int Failures, int Threshold, string? ChangeId);

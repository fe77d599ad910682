namespace Cairn.Pebble.Plan;

/// <summary>One problem found while reading plan YAML, with its 1-based position (0 when unknown) and, where one helps, a hint.</summary>
public sealed record PlanProblem(string Message, int Line, int Column, string? Hint = null);

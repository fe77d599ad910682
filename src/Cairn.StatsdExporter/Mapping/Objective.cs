namespace Cairn.StatsdExporter.Mapping;

/// <summary>One summary quantile and the rank error allowed when estimating it.</summary>
public readonly record struct Objective(double Quantile, double Error);

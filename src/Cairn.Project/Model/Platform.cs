namespace Cairn.Project.Model;

/// <summary>One entry of <c>platforms</c>, expanded: the label and the architectures it builds on and for.</summary>
public sealed record Platform(string Name, IReadOnlyList<string> BuildOn, IReadOnlyList<string> BuildFor);

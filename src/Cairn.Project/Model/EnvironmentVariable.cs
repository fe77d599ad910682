namespace Cairn.Project.Model;

/// <summary>A name and value, in the order the user wrote them (top-level <c>environment</c> and a part's <c>build-environment</c>).</summary>
public sealed record EnvironmentVariable(string Name, string Value);

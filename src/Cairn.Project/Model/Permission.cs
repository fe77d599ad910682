namespace Cairn.Project.Model;

/// <summary>One <c>permissions</c> entry of a part: who owns the primed files matching <see cref="Path"/>, and their mode.</summary>
/// <param name="Path">An fnmatch pattern relative to prime (<c>*</c> crosses <c>/</c>); <c>*</c> when not given.</param>
/// <param name="Owner">The numeric owner, or null (then <paramref name="Group"/> is null too).</param>
/// <param name="Group">The numeric group, or null.</param>
/// <param name="Mode">The mode as an octal number (for example 0755), or null to keep the file's own.</param>
public sealed record Permission(string Path, int? Owner, int? Group, int? Mode);

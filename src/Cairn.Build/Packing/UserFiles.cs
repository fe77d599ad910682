namespace Cairn.Build.Packing;

/// <summary>The text of <c>/etc/passwd</c>, <c>/etc/group</c> and, where the base has one, <c>/etc/shadow</c>.</summary>
public sealed record UserFiles(string Passwd, string Group, string? Shadow);

namespace Cairn.Parts;

/// <summary>
/// One entry of a part's <c>permissions</c> list: the paths it applies to (an fnmatch pattern relative to prime,
/// where <c>*</c> also crosses <c>/</c>) and the owner, group and mode they get in the rock.
/// </summary>
/// <param name="Path">fnmatch pattern, <c>*</c> when the project leaves it out.</param>
/// <param name="Owner">uid; given together with <paramref name="Group"/> or not at all.</param>
/// <param name="Group">gid.</param>
/// <param name="Mode">permission bits (already parsed from the octal string).</param>
public sealed record PermissionRule(string Path = "*", int? Owner = null, int? Group = null, int? Mode = null);

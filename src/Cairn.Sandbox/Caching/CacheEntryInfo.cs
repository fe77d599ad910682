namespace Cairn.Sandbox.Caching;

/// <summary>One entry of <c>cairn cache list</c>.</summary>
/// <param name="Kind">base, environment, packages, wheelhouse or project.</param>
/// <param name="Name">The entry's directory name.</param>
/// <param name="Description">What it holds, e.g. "ubuntu@24.04 + python3-dev".</param>
/// <param name="SizeBytes">Bytes on disk.</param>
/// <param name="LastUsed">When a build last used it.</param>
/// <param name="Path">Its directory.</param>
public sealed record CacheEntryInfo(string Kind, string Name, string Description, long SizeBytes, DateTimeOffset LastUsed, string Path)
{
    /// <summary>A project build whose project directory no longer exists: pruned whatever its age.</summary>
    public bool ProjectGone { get; init; }
}

namespace Cairn.Sandbox.Bases;

/// <summary>
/// Where a base's packages come from (the Ubuntu archive, or the user's apt mirror) and how cairn tells that
/// it could not be reached: mmdebstrap making a base and apt in a build environment say it the same way.
/// </summary>
internal static class ArchiveSource
{
    /// <summary>Output of apt (and of mmdebstrap, which runs apt) that means the archive or mirror could not be reached.</summary>
    private static readonly string[] UnreachableSigns =
        ["Could not resolve", "Temporary failure resolving", "Failed to fetch", "Unable to connect", "Could not connect", "No route to host", "Connection refused", "Connection timed out"];

    /// <summary>True when <paramref name="output"/> says the archive or mirror could not be reached.</summary>
    public static bool CannotBeReached(IEnumerable<string> output) =>
        output.Any(line => UnreachableSigns.Any(s => line.Contains(s, StringComparison.OrdinalIgnoreCase)));

    /// <summary>"the Ubuntu archive" or "the apt mirror URL".</summary>
    public static string Describe(string? mirror) => mirror is null ? "the Ubuntu archive" : $"the apt mirror {mirror}";

    /// <summary>What to do when it cannot be reached: name (another) mirror, or go back to the archive.</summary>
    public static string UnreachableHint(string? mirror) => mirror is null
        ? $"check the network or proxy (http_proxy), or name a reachable mirror with --apt-mirror or {BaseRequest.MirrorVariable}"
        : $"name a reachable mirror with --apt-mirror or {BaseRequest.MirrorVariable}, or unset both to use the Ubuntu archive";
}

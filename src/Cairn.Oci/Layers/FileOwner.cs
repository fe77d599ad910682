namespace Cairn.Oci.Layers;

/// <summary>
/// The owner a layer entry records. Numbers are what the container runtime uses; names are optional and only
/// informative (leave them null to keep layers independent of the build machine's user database).
/// </summary>
/// <param name="Uid">User id.</param>
/// <param name="Gid">Group id.</param>
/// <param name="UserName">User name written in the tar header, or null for none.</param>
/// <param name="GroupName">Group name written in the tar header, or null for none.</param>
public sealed record FileOwner(long Uid, long Gid, string? UserName = null, string? GroupName = null)
{
    /// <summary>uid 0, gid 0, no names.</summary>
    public static FileOwner Root { get; } = new(0, 0);
}

using System.Globalization;
using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// Who a service's process runs as. <see cref="Uid"/> null means as the daemon itself. <see cref="Fallback"/> is set
/// when the plan names another user but the daemon is not root and so cannot switch (an image run with
/// <c>--user</c>, OpenShift's arbitrary uid in group 0): the service then runs as the daemon's own user, rather than
/// failing at every start, and the message says so.
/// </summary>
internal sealed record ServiceIdentity(uint? Uid, uint? Gid, PasswdEntry? User, string? Fallback = null)
{
    /// <summary>
    /// The identity for <paramref name="config"/>; throws <see cref="InvalidOperationException"/> with upstream's
    /// message for an unknown or inconsistent user or group.
    /// </summary>
    public static ServiceIdentity For(Service config, UserLookup users)
    {
        var (uid, gid, entry) = users.Resolve(config.User, config.UserId, config.Group, config.GroupId);
        if (uid is null) return new ServiceIdentity(null, null, null);
        var self = users.Self;
        if (users.IsRoot || (uid == self.Uid && gid == self.Gid)) return new ServiceIdentity(uid, gid, entry);

        var ids = $"uid {uid}, gid {gid}";
        var wanted = string.IsNullOrEmpty(config.User) ? ids : $"user \"{config.User}\" ({ids})";
        var fallback = string.Create(CultureInfo.InvariantCulture,
            $"Service \"{config.Name}\" runs as the current user (uid {self.Uid}, gid {self.Gid}): pebble is not root, so it cannot switch to {wanted}");
        // HOME and USER then describe the user it really runs as, when the passwd file knows it.
        return new ServiceIdentity(null, null, users.ByUid(self.Uid), fallback);
    }
}

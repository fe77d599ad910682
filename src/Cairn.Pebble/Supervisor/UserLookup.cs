namespace Cairn.Pebble.Supervisor;

/// <summary>
/// Resolves user and group names from /etc/passwd and /etc/group, as Go's pure resolver does (rocks ship these
/// files; there is no NSS in a chiselled image). The root directory is a parameter so tests can fake it.
/// </summary>
internal sealed class UserLookup(string root = "/", (uint Uid, uint Gid)? self = null, bool? isRoot = null)
{
    /// <summary>The daemon's own uid and gid (a parameter so tests can play another user).</summary>
    public (uint Uid, uint Gid) Self { get; } = self ?? (Native.Libc.getuid(), Native.Libc.getgid());

    /// <summary>True when the daemon may switch to other users (its effective uid is 0).</summary>
    public bool IsRoot { get; } = isRoot ?? Native.Libc.geteuid() == 0;

    /// <summary>The passwd entry for a name, or null.</summary>
    public PasswdEntry? ByName(string name) => Passwd().FirstOrDefault(e => e.Name == name);

    /// <summary>The passwd entry for a uid, or null.</summary>
    public PasswdEntry? ByUid(uint uid) => Passwd().FirstOrDefault(e => e.Uid == uid);

    /// <summary>The gid of a group name, or null.</summary>
    public uint? GroupId(string name)
    {
        foreach (var line in Lines("etc/group"))
        {
            var f = line.Split(':');
            if (f.Length >= 3 && f[0] == name && uint.TryParse(f[2], out var gid)) return gid;
        }

        return null;
    }

    /// <summary>
    /// Combines user/user-id/group/group-id into the identity to run as, with upstream's messages. Null uid means
    /// "do not switch".
    /// </summary>
    public (uint? Uid, uint? Gid, PasswdEntry? User) Resolve(string? user, int? userId, string? group, int? groupId)
    {
        uint? uid = userId is null ? null : (uint)userId.Value;
        uint? gid = groupId is null ? null : (uint)groupId.Value;
        PasswdEntry? entry = null;
        if (!string.IsNullOrEmpty(user))
        {
            entry = ByName(user) ?? throw new InvalidOperationException($"user: unknown user {user}");
            if (uid is not null && uid != entry.Uid)
                throw new InvalidOperationException($"user \"{user}\" UID ({entry.Uid}) does not match user-id ({uid})");
            uid = entry.Uid;
        }
        else if (uid is not null)
        {
            entry = ByUid(uid.Value);
        }

        if (!string.IsNullOrEmpty(group))
        {
            var found = GroupId(group) ?? throw new InvalidOperationException($"group: unknown group {group}");
            if (gid is not null && gid != found)
                throw new InvalidOperationException($"group \"{group}\" GID ({found}) does not match group-id ({gid})");
            gid = found;
        }

        if (uid is null && gid is not null) throw new InvalidOperationException("must specify user, not just group");
        if (uid is not null && gid is null) gid = entry?.Gid ?? throw new InvalidOperationException($"cannot find primary group of uid {uid}");
        return (uid, gid, entry);
    }

    private IEnumerable<PasswdEntry> Passwd()
    {
        foreach (var line in Lines("etc/passwd"))
        {
            var f = line.Split(':');
            if (f.Length >= 6 && uint.TryParse(f[2], out var uid) && uint.TryParse(f[3], out var gid))
                yield return new PasswdEntry(f[0], uid, gid, f[5]);
        }
    }

    private IEnumerable<string> Lines(string relative)
    {
        var path = Path.Combine(root, relative);
        return File.Exists(path) ? File.ReadLines(path) : [];
    }
}

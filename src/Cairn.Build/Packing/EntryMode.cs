namespace Cairn.Build.Packing;

/// <summary>
/// The permission bits a primed file or directory gets in its layer when no <c>permissions</c> entry sets
/// them. Disk modes depend on the umask of whoever checked out and built the project; layers must not, so
/// group and other get the owner's bits without write. Deliberately world-writable entries (a bare rock's
/// 0777 <c>/tmp</c>) and the setuid, setgid and sticky bits are kept as they are.
/// </summary>
public static class EntryMode
{
    private const int WorldWritable = 0b_000_010_010; // group and other write (0022)

    public static int Normalise(int diskMode)
    {
        var special = diskMode & 0b_111_000_000_000; // 07000
        var permissions = diskMode & 0b_111_111_111; // 0777
        if ((permissions & WorldWritable) == WorldWritable) return special | permissions;
        var owner = (permissions >> 6) & 0b_111;
        var readExecute = owner & 0b_101;
        return special | (owner << 6) | (readExecute << 3) | readExecute;
    }
}

using Cairn.Files;

namespace Cairn.Sandbox.Caching;

/// <summary>
/// Walking, copying and removing trees without following symbolic links: the cache's root filesystems and a
/// project's work directory. Copies inside the work directory are hard links where the file system allows (as
/// craft-parts does), so staging a large venv costs no space.
/// </summary>
public static class FileTree
{
    /// <summary>
    /// Deletes a tree. As an ordinary user a root filesystem has read-only directories (e.g. <c>/proc</c>,
    /// 0555) that would stop a plain recursive delete, so write permission is restored first where needed.
    /// </summary>
    public static void Delete(string path)
    {
        if (!Directory.Exists(path))
            return;
        // A killed mmdebstrap can leave /proc, /sys or /dev mounted in its scratch tree; never walk into those.
        var mounted = MountPointsUnder(path);
        if (mounted.Count > 0)
            throw new IOException($"cannot delete {path}: {mounted[0]} is still mounted (unmount it first)");
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            MakeWritable(path);
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            MakeWritable(path);
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Bytes used by the regular files of a tree (symlinks not followed, hard links counted once per link).</summary>
    public static long Size(string path)
    {
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", options))
        {
            if (file.LinkTarget is null)
                total += file.Length;
        }

        return total;
    }

    /// <summary>Mount points at or below <paramref name="path"/>, from /proc/self/mountinfo.</summary>
    public static IReadOnlyList<string> MountPointsUnder(string path)
    {
        const string mountInfo = "/proc/self/mountinfo";
        if (!File.Exists(mountInfo))
            return [];
        var full = Path.GetFullPath(path).TrimEnd('/');
        // Field 5 is the mount point, with spaces escaped as \040.
        return File.ReadLines(mountInfo)
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 4)
            .Select(f => f[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(m => m == full || m.StartsWith(full + "/", StringComparison.Ordinal))
            .ToArray();
    }

    private static void MakeWritable(string path)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(path));
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            if (dir.LinkTarget is not null)
                continue;
            if (!OperatingSystem.IsWindows())
                dir.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            foreach (var child in dir.EnumerateDirectories())
                pending.Push(child);
        }
    }

    /// <summary>
    /// Every path under <paramref name="root"/> ('/'-separated, relative) with its kind; directories are entered
    /// only when <paramref name="include"/> (given the relative path) allows them.
    /// </summary>
    public static Dictionary<string, EntryKind> Scan(string root, Func<string, bool>? include = null)
    {
        var result = new Dictionary<string, EntryKind>(StringComparer.Ordinal);
        if (Directory.Exists(root)) ScanInto(new DirectoryInfo(root), "", include, result);
        return result;
    }

    private static void ScanInto(DirectoryInfo dir, string prefix, Func<string, bool>? include, Dictionary<string, EntryKind> result)
    {
        foreach (var info in dir.EnumerateFileSystemInfos())
        {
            var rel = prefix + info.Name;
            if (include is not null && !include(rel)) continue;
            var kind = KindOf(info);
            result[rel] = kind;
            if (kind == EntryKind.Directory) ScanInto((DirectoryInfo)info, rel + "/", include, result);
        }
    }

    /// <summary>The kind of an existing path (links not followed), or null when nothing is there.</summary>
    public static EntryKind? KindAt(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return EntryKind.Symlink;
        if (info.Exists) return EntryKind.File;
        return Directory.Exists(path) ? EntryKind.Directory : null;
    }

    /// <summary>Whether anything (even a dangling link) is at <paramref name="path"/>; one system call for files and directories.</summary>
    public static bool Exists(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static EntryKind KindOf(FileSystemInfo info) =>
        info.LinkTarget is not null ? EntryKind.Symlink : info is DirectoryInfo ? EntryKind.Directory : EntryKind.File;

    /// <summary>
    /// Copies one entry from <paramref name="fromRoot"/> to <paramref name="toRoot"/> at the same relative path, creating
    /// parents: a directory is created with the same mode (whatever the umask), a link recreated, a file hard-linked (or copied with
    /// <paramref name="link"/> false, or when linking fails).
    /// </summary>
    public static void CopyEntry(string fromRoot, string toRoot, string relative, EntryKind kind, bool link)
    {
        var from = Path.Combine(fromRoot, relative);
        var to = Path.Combine(toRoot, relative);
        var parent = Path.GetDirectoryName(to)!;
        if (!Directory.Exists(parent)) Directory.CreateDirectory(parent);
        switch (kind)
        {
            case EntryKind.Directory:
                if (!Directory.Exists(to))
                {
                    // mkdir applies the umask; chmod does not, so a deliberately 0777 directory (a bare rock's /tmp)
                    // stays so in stage and prime.
                    Directory.CreateDirectory(to);
                    File.SetUnixFileMode(to, File.GetUnixFileMode(from));
                }

                break;
            case EntryKind.Symlink:
                File.CreateSymbolicLink(to, new FileInfo(from).LinkTarget!);
                break;
            default:
                if (!link || !NativeMethods.TryLink(from, to))
                {
                    File.Copy(from, to, overwrite: false);
                    File.SetLastWriteTimeUtc(to, File.GetLastWriteTimeUtc(from));
                }

                break;
        }
    }

    /// <summary>
    /// Puts the file <paramref name="from"/> at <paramref name="to"/> too, unless something is there already: a hard
    /// link (no bytes copied), or where the file system refuses one an <see cref="AtomicFile"/> copy, so that a name
    /// another command trusts (a blob's digest) never holds half a file.
    /// </summary>
    public static void LinkOrCopy(string from, string to)
    {
        if (File.Exists(to)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (!NativeMethods.TryLink(from, to) && !File.Exists(to))
            AtomicFile.Copy(from, to);
    }

    /// <summary>Copies a whole tree (see <see cref="CopyEntry"/>), parents before children.</summary>
    public static void CopyTree(string fromRoot, string toRoot, bool link, Func<string, bool>? include = null)
    {
        Directory.CreateDirectory(toRoot);
        foreach (var (rel, kind) in Scan(fromRoot, include).OrderBy(e => e.Key, StringComparer.Ordinal))
            CopyEntry(fromRoot, toRoot, rel, kind, link);
    }

    /// <summary>
    /// Removes whatever is at <paramref name="path"/> (a file, a link, or a directory tree), if anything, making
    /// read-only directories writable first. Unlike <see cref="Delete"/> it neither looks for mount points nor
    /// expects an unfinished tree: it is for the work directory's own entries.
    /// </summary>
    public static void DeleteEntry(string path)
    {
        switch (KindAt(path))
        {
            case null:
                return;
            case EntryKind.Directory:
                try
                {
                    Directory.Delete(path, recursive: true);
                }
                catch (UnauthorizedAccessException)
                {
                    foreach (var dir in Directory.EnumerateDirectories(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Prepend(path))
                        File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    Directory.Delete(path, recursive: true);
                }

                return;
            default:
                File.Delete(path);
                return;
        }
    }

    /// <summary>Whether two entries have the same kind, mode and content (a link: the same target).</summary>
    public static bool AreSame(string a, string b)
    {
        var kind = KindAt(a);
        if (kind != KindAt(b)) return false;
        switch (kind)
        {
            case EntryKind.Symlink:
                return new FileInfo(a).LinkTarget == new FileInfo(b).LinkTarget;
            case EntryKind.Directory:
                return true;
            case null:
                return true;
        }

        if (File.GetUnixFileMode(a) != File.GetUnixFileMode(b)) return false;
        var fa = new FileInfo(a);
        var fb = new FileInfo(b);
        if (fa.Length != fb.Length) return false;
        using var sa = fa.OpenRead();
        using var sb = fb.OpenRead();
        Span<byte> bufA = stackalloc byte[8192];
        Span<byte> bufB = stackalloc byte[8192];
        while (true)
        {
            var n = sa.ReadAtLeast(bufA, bufA.Length, throwOnEndOfStream: false);
            var m = sb.ReadAtLeast(bufB, bufB.Length, throwOnEndOfStream: false);
            if (n != m || !bufA[..n].SequenceEqual(bufB[..m])) return false;
            if (n == 0) return true;
        }
    }
}

namespace Cairn.Sandbox.Caching;

/// <summary>Whole-directory operations that work on extracted root filesystems.</summary>
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
}

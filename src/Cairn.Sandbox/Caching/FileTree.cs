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

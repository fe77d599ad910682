using System.Runtime.InteropServices;

namespace Cairn.Parts;

/// <summary>The two POSIX calls .NET has no API for: hard links (stage and prime link files) and FIFOs (craftctl).</summary>
internal static class NativeMethods
{
    private const int EEXIST = 17;

    /// <summary>Makes <paramref name="newPath"/> a hard link to <paramref name="existingPath"/>; false when the file system refuses.</summary>
    public static bool TryLink(string existingPath, string newPath) => link(existingPath, newPath) == 0;

    /// <summary>Creates a FIFO (replacing nothing: an existing FIFO is kept).</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("600", 8)) != 0 && Marshal.GetLastPInvokeError() != EEXIST)
            throw new IOException($"cannot create FIFO '{path}': errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// Opens and closes a FIFO without blocking, which wakes a peer blocked opening the other end: for writing
    /// (false when nobody is reading) or for reading.
    /// </summary>
    public static bool TryPokeFifo(string path, bool forWriting)
    {
        const int O_RDONLY = 0, O_WRONLY = 1, O_NONBLOCK = 2048;
        var fd = open(path, (forWriting ? O_WRONLY : O_RDONLY) | O_NONBLOCK);
        if (fd < 0) return false;
        close(fd);
        return true;
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int link(string oldpath, string newpath);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int mkfifo(string pathname, uint mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int open(string pathname, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}

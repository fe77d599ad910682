using System.Runtime.InteropServices;

namespace Cairn.Parts;

/// <summary>The POSIX FIFO calls .NET has no API for, which craftctl talks through (<see cref="CraftCtlServer"/>).</summary>
internal static class Fifos
{
    private const int EEXIST = 17;

    /// <summary>Creates a FIFO (replacing nothing: an existing FIFO is kept).</summary>
    public static void Make(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("600", 8)) != 0 && Marshal.GetLastPInvokeError() != EEXIST)
            throw new IOException($"cannot create FIFO '{path}': errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// Opens and closes a FIFO without blocking, which wakes a peer blocked opening the other end: for writing
    /// (false when nobody is reading) or for reading.
    /// </summary>
    public static bool TryPoke(string path, bool forWriting)
    {
        const int O_RDONLY = 0, O_WRONLY = 1, O_NONBLOCK = 2048;
        var fd = open(path, (forWriting ? O_WRONLY : O_RDONLY) | O_NONBLOCK);
        if (fd < 0) return false;
        close(fd);
        return true;
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int mkfifo(string pathname, uint mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int open(string pathname, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}

using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Cairn.Oci.Layers;

/// <summary>
/// What identifies a host file's current content without reading it, as make and git do: device, inode, size, and
/// the modification and status-change times to the nanosecond. Any write to the file moves its change time, which
/// no program can set back, so an equal stamp means the same bytes.
/// </summary>
internal static class FileStamp
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>The stamp of the file <paramref name="path"/> (links followed), or null when it cannot be read.</summary>
    public static string? Of(string path)
    {
        // struct statx has the same layout on every architecture, unlike struct stat.
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
            return null;
        var span = buffer.AsSpan();
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(span[32..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(span[40..]);
        var ctime = Timestamp(span[96..]);
        var mtime = Timestamp(span[112..]);
        var device = $"{BinaryPrimitives.ReadUInt32LittleEndian(span[136..])}.{BinaryPrimitives.ReadUInt32LittleEndian(span[140..])}";
        return string.Create(CultureInfo.InvariantCulture, $"{device}:{inode}:{size}:{mtime}:{ctime}");
    }

    private static string Timestamp(ReadOnlySpan<byte> at) =>
        string.Create(CultureInfo.InvariantCulture, $"{BinaryPrimitives.ReadInt64LittleEndian(at)}.{BinaryPrimitives.ReadUInt32LittleEndian(at[8..]):D9}");

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] statxbuf);
}

using System.Runtime.InteropServices;

namespace Cairn.Sandbox.Caching;

/// <summary>The POSIX call .NET has no API for that <see cref="FileTree"/> needs: hard links (stage and prime link files).</summary>
internal static class NativeMethods
{
    /// <summary>Makes <paramref name="newPath"/> a hard link to <paramref name="existingPath"/>; false when the file system refuses.</summary>
    public static bool TryLink(string existingPath, string newPath) => link(existingPath, newPath) == 0;

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int link(string oldpath, string newpath);
}

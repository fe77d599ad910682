using System.Runtime.InteropServices;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The libc calls the tests need to signal processes and inspect them.</summary>
public static partial class Native
{
    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int KillNative(int pid, int signal);

    public static void Kill(int pid, int signal) => KillNative(pid, signal);

    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint Uid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    public static partial uint Gid();

    /// <summary>True when the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>True when the process exists at all (zombies included).</summary>
    public static bool Exists(int pid) => File.Exists($"/proc/{pid}/stat");
}

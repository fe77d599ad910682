using System.Globalization;
using System.Runtime.InteropServices;

namespace Cairn.Daemon;

/// <summary>
/// Makes the signals a daemon handles reach it even when its parent started it with them ignored: nohup ignores
/// SIGHUP, and a shell without job control starts a background job with SIGINT and SIGQUIT ignored. Upstream's Go
/// daemons catch such a signal anyway (Go's os/signal installs its handler over an inherited SIG_IGN); the .NET
/// runtime leaves an inherited SIG_IGN in place, and decides so when it starts. So the daemon resets those
/// signals to their default and runs itself again, once, before anything else (docs/pebble.md, "Signals").
/// </summary>
public static unsafe partial class SignalDispositions
{
    private static readonly nint SigDfl = 0, SigIgn = 1;

    /// <summary>
    /// When any of <paramref name="signals"/> is ignored, sets it to its default and replaces this process (same
    /// PID, same arguments and environment) with a new run of the same program; otherwise returns at once.
    /// Returns also when the exec fails, with the signals as they were.
    /// </summary>
    public static void Restore(params PosixSignal[] signals)
    {
        var ignored = IgnoredMask();
        var reset = signals.Select(Number).Where(s => (ignored & (1UL << (s - 1))) != 0).ToList();
        if (reset.Count == 0) return;
        foreach (var s in reset) signal(s, SigDfl);

        // /proc/self/cmdline is the argv this process was started with, whatever started it (the AOT binary, or
        // dotnet), each word ending in NUL: execv reads the words in place.
        var cmdline = File.ReadAllBytes("/proc/self/cmdline");
        var starts = new List<int> { 0 };
        for (var i = 0; i < cmdline.Length - 1; i++)
            if (cmdline[i] == 0) starts.Add(i + 1);
        fixed (byte* words = cmdline)
        fixed (byte* path = "/proc/self/exe\0"u8)
        {
            var argv = stackalloc byte*[starts.Count + 1];
            for (var i = 0; i < starts.Count; i++) argv[i] = words + starts[i];
            argv[starts.Count] = null;
            execv(path, argv);
        }

        foreach (var s in reset) signal(s, SigIgn);
    }

    // PosixSignal's values are not the kernel's numbers (SIGHUP is -1); these are Linux's.
    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a signal a daemon restores"),
    };

    /// <summary>The signals this process ignores, bit n-1 for signal n (the kernel's SigIgn line).</summary>
    private static ulong IgnoredMask()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                return ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return 0;
    }

    [LibraryImport("libc")]
    private static partial nint signal(int signum, nint handler);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int execv(byte* path, byte** argv);
}

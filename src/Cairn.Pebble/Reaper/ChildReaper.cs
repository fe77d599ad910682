using System.Runtime.InteropServices;
using Cairn.Pebble.Native;

namespace Cairn.Pebble.Reaper;

/// <summary>
/// Reaps every child of the daemon, including orphans re-parented to it (it is a subreaper, or PID 1). One
/// thread blocks in <c>waitpid(-1)</c>; when there are no children it sleeps until the next spawn, so an idle
/// daemon uses no CPU. Processes the daemon starts are registered under the same lock the reaper takes before
/// handing out an exit status, so a child that exits at once is never lost or reported as an orphan.
/// </summary>
internal sealed class ChildReaper
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, TaskCompletionSource<int>> waiters = [];
    private readonly ManualResetEventSlim spawned = new(false);
    private int orphansReaped;

    private ChildReaper()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "reaper" };
        thread.Start();
    }

    /// <summary>The process-wide reaper (there can be only one <c>waitpid(-1)</c> loop).</summary>
    public static ChildReaper Instance { get; } = new();

    /// <summary>How many unregistered children (orphans) were reaped so far.</summary>
    public int OrphansReaped => Volatile.Read(ref orphansReaped);

    /// <summary>Makes this process a child subreaper so orphaned grandchildren are re-parented to it.</summary>
    public static void BecomeSubreaper() => Libc.prctl(Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

    /// <summary>
    /// Runs <paramref name="spawn"/> (which returns a pid, or throws) under the reaper's lock and registers the pid.
    /// The task completes with the exit code (128 + signal when killed).
    /// </summary>
    public (int Pid, Task<int> Exited) Start(Func<int> spawn)
    {
        lock (gate)
        {
            var pid = spawn();
            var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters[pid] = tcs;
            spawned.Set();
            return (pid, tcs.Task);
        }
    }

    private void Loop()
    {
        while (true)
        {
            var pid = Libc.waitpid(-1, out var status, 0);
            if (pid > 0)
            {
                lock (gate)
                {
                    if (waiters.Remove(pid, out var tcs)) tcs.TrySetResult(Libc.ExitCode(status));
                    else Interlocked.Increment(ref orphansReaped);
                }

                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.EINTR) continue;

            // ECHILD: nothing to wait for until the daemon starts something (only descendants of our
            // children can become our orphans, so none can appear meanwhile).
            spawned.Wait();
            spawned.Reset();
        }
    }
}

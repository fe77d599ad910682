using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cairn.Sandbox.Processes;

/// <summary>
/// Starts every process cairn runs, so that none outlives cairn, SIGKILL included. Each process starts under
/// <c>setpriv --pdeathsig KILL</c> (util-linux, essential on Debian and Ubuntu): the kernel sends it SIGKILL when its
/// parent dies. The kernel's "parent" is the <em>thread</em> that forked it, and .NET forks on the thread that calls
/// <see cref="Process.Start()"/>, so every start happens on this one thread, which lives as long as cairn does: a pool
/// thread that retires would kill what it started. Processes that start processes of their own are contained by a PID
/// namespace whose first process dies this way (bubblewrap's <c>--die-with-parent</c>, <c>unshare --kill-child</c>):
/// the kernel ends the whole namespace with it.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Queue = new();

    private static readonly Lazy<string?> Setpriv = new(() => new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists));

    static ProcessSpawner() => new Thread(Loop) { IsBackground = true, Name = "cairn process spawner" }.Start();

    /// <summary>
    /// The argv that runs <paramref name="program"/> (a full path) with <paramref name="arguments"/> and dies with cairn.
    /// Without setpriv (not a Debian or Ubuntu host) it is the command itself.
    /// </summary>
    public static IReadOnlyList<string> DyingWithCairn(string program, IEnumerable<string> arguments) =>
        Setpriv.Value is { } setpriv ? [setpriv, "--pdeathsig", "KILL", "--", program, .. arguments] : [program, .. arguments];

    /// <summary>Starts <paramref name="process"/> on the spawner thread; throws what <see cref="Process.Start()"/> throws.</summary>
    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((process, started));
        return started.Task;
    }

    private static void Loop()
    {
        foreach (var (process, started) in Queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}

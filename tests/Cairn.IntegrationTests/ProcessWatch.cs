using Cairn.Sandbox.Processes;

namespace Cairn.IntegrationTests;

/// <summary>
/// Remembers every process that was ever below one process (cairn), by looking at its tree every few milliseconds
/// until stopped, so that after cairn is killed a test can tell whether anything it started still runs. Only processes
/// seen under cairn count: tests of other assemblies running beside it start processes of their own.
/// </summary>
public sealed class ProcessWatch : IAsyncDisposable
{
    private readonly int _root;
    private readonly HashSet<ProcessTree.Member> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProcessWatch(int root)
    {
        _root = root;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>How many processes have been seen so far, cairn included.</summary>
    public int Seen
    {
        get
        {
            lock (_seen) return _seen.Count;
        }
    }

    /// <summary>Whether a process whose command line contains <paramref name="text"/> runs below cairn now.</summary>
    public static bool Runs(int root, string text) =>
        ProcessTree.Of(root).Any(m => CommandLine(m.Pid).Contains(text, StringComparison.Ordinal));

    /// <summary>Looks once more (call it right before a kill), then stops looking.</summary>
    public async Task StopAsync()
    {
        Look();
        await _stop.CancelAsync();
        await _loop;
    }

    /// <summary>
    /// Waits up to <paramref name="deadline"/> for every process seen to end, and returns those that did not, each
    /// with its command line. The deadline is generous: an orphan runs on for minutes, so a slow machine cannot pass
    /// for one.
    /// </summary>
    public async Task<IReadOnlyList<string>> SurvivorsAsync(TimeSpan deadline)
    {
        ProcessTree.Member[] seen;
        lock (_seen) seen = [.. _seen];
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var alive = seen.Where(ProcessTree.IsAlive).ToList();
            if (alive.Count == 0 || DateTime.UtcNow > until)
                return alive.Select(m => $"{m.Pid}: {CommandLine(m.Pid)}").ToList();
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Look();
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private void Look()
    {
        var tree = ProcessTree.Of(_root);
        lock (_seen)
            foreach (var member in tree.Where(m => m.Pid != _root))
                _seen.Add(member);
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "(ended)";
        }
    }
}

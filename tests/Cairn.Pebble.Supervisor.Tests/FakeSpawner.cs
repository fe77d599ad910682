namespace Cairn.Pebble.Supervisor.Tests;

/// <summary>
/// An <see cref="IProcessSpawner"/> that starts nothing: each spawn is a <see cref="FakeProcess"/> the test ends by
/// hand, and each signal is recorded, so the service manager's transitions run without real processes.
/// </summary>
internal sealed class FakeSpawner : IProcessSpawner
{
    private readonly Lock gate = new();
    private readonly List<FakeProcess> started = [];
    private readonly List<(int Pid, int Signal)> signals = [];
    private int nextPid = 1000;

    /// <summary>When set, the next spawn throws it (then it is cleared).</summary>
    public SpawnException? FailNext { get; set; }

    /// <summary>Every process started so far, oldest first.</summary>
    public IReadOnlyList<FakeProcess> Started
    {
        get { lock (gate) return [.. started]; }
    }

    /// <summary>Every signal sent so far: a negative pid is a process group.</summary>
    public IReadOnlyList<(int Pid, int Signal)> Signals
    {
        get { lock (gate) return [.. signals]; }
    }

    /// <summary>The process started last.</summary>
    public FakeProcess Last => Started[^1];

    public string LookPath(string name) => name.Contains('/') ? name : "/usr/bin/" + name;

    public SpawnedProcess Spawn(SpawnRequest request)
    {
        lock (gate)
        {
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }

            var process = new FakeProcess(nextPid++, request);
            started.Add(process);
            return new SpawnedProcess(process.Pid, process.Exit.Task, new MemoryStream([]));
        }
    }

    public void Signal(int pid, int signal)
    {
        lock (gate) signals.Add((pid, signal));
    }
}

/// <summary>A process the fake "started": its request, and its exit, which the test chooses.</summary>
internal sealed class FakeProcess(int pid, SpawnRequest request)
{
    public int Pid { get; } = pid;
    public SpawnRequest Request { get; } = request;
    public TaskCompletionSource<int> Exit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the process with <paramref name="code"/> (128 + signal for a signal, as the reaper reports it).</summary>
    public void Exits(int code) => Exit.TrySetResult(code);
}

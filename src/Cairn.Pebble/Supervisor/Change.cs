using System.Globalization;

namespace Cairn.Pebble.Supervisor;

/// <summary>One step of a change (start or stop of one service, or a check run).</summary>
internal sealed class ChangeTask(string id, string kind, string summary, DateTime spawnTime)
{
    private readonly List<string> log = [];

    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public string Summary { get; } = summary;
    public DateTime SpawnTime { get; } = spawnTime;
    public DateTime? ReadyTime { get; private set; }

    /// <summary>Do, Doing, Done, Error or Hold (upstream's names).</summary>
    public string Status { get; private set; } = "Do";

    /// <summary>The service or check the task acts on.</summary>
    public string Target { get; init; } = "";

    public bool IsReady => Status is "Done" or "Error" or "Hold" or "Undone";

    /// <summary>Task log lines (last 10), <c>TIME LEVEL message</c>.</summary>
    public IReadOnlyList<string> Log
    {
        get { lock (log) return [.. log]; }
    }

    public void AddLog(string level, string message, DateTime now)
    {
        lock (log)
        {
            log.Add($"{now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)} {level} {message}");
            if (log.Count > 10) log.RemoveAt(0);
        }
    }

    /// <summary>The message of the last ERROR log line (what failed the task).</summary>
    public string LastError
    {
        get
        {
            var line = Log.LastOrDefault(l => l.Contains(" ERROR ", StringComparison.Ordinal)) ?? "";
            var at = line.IndexOf(" ERROR ", StringComparison.Ordinal);
            return at < 0 ? "unknown error" : line[(at + 7)..];
        }
    }

    public void SetStatus(string status, DateTime now)
    {
        Status = status;
        if (IsReady) ReadyTime = now;
    }
}

/// <summary>A change: a group of tasks the API returns as async and the CLI waits on.</summary>
internal sealed class Change(string id, string kind, string summary, DateTime spawnTime)
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public string Summary { get; } = summary;
    public DateTime SpawnTime { get; } = spawnTime;
    public DateTime? ReadyTime { get; private set; }
    public List<ChangeTask> Tasks { get; } = [];

    /// <summary>Services the change acts on (for <c>GET /v1/changes?for=</c>).</summary>
    public List<string> ServiceNames { get; } = [];

    /// <summary>Completes when every task is ready.</summary>
    public Task Ready => ready.Task;

    public bool IsReady => ReadyTime is not null;

    /// <summary>Upstream's summary status: Doing while any task runs, else Error, Hold or Done.</summary>
    public string Status
    {
        get
        {
            if (Tasks.Count == 0) return IsReady ? "Done" : "Do";
            if (Tasks.Any(t => t.Status == "Doing")) return "Doing";
            if (Tasks.Any(t => t.Status == "Do")) return Tasks.Any(t => t.IsReady) ? "Doing" : "Do";
            if (Tasks.Any(t => t.Status == "Error")) return "Error";
            if (Tasks.All(t => t.Status == "Hold")) return "Hold";
            return "Done";
        }
    }

    /// <summary>The error text for a change in Error: one line per failed task.</summary>
    public string? Err
    {
        get
        {
            var failed = Tasks.Where(t => t.Status == "Error").ToList();
            if (failed.Count == 0) return null;
            var lines = failed.Select(t => $"- {t.Summary} ({t.LastError})");
            return "cannot perform the following tasks:\n" + string.Join("\n", lines);
        }
    }

    public void MarkReady(DateTime now)
    {
        ReadyTime ??= now;
        ready.TrySetResult();
    }
}

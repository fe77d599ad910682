namespace Cairn.Pebble.Supervisor;

/// <summary>Keeps changes in memory (no state file: see docs/pebble.md) and hands out increasing ids.</summary>
internal sealed class ChangeManager(TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly List<Change> changes = [];
    private int nextChange = 1;
    private int nextTask = 1;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a change (not yet running).</summary>
    public Change Create(string kind, string summary)
    {
        lock (gate)
        {
            var change = new Change((nextChange++).ToString(System.Globalization.CultureInfo.InvariantCulture), kind, summary, Now);
            changes.Add(change);
            // Upstream prunes ready changes beyond 1000; so do we, to keep memory bounded.
            var ready = changes.Where(c => c.IsReady).ToList();
            if (ready.Count > 1000) changes.Remove(ready[0]);
            return change;
        }
    }

    /// <summary>Adds a task to a change.</summary>
    public ChangeTask AddTask(Change change, string kind, string summary, string target)
    {
        lock (gate)
        {
            var task = new ChangeTask((nextTask++).ToString(System.Globalization.CultureInfo.InvariantCulture), kind, summary, Now) { Target = target };
            change.Tasks.Add(task);
            return task;
        }
    }

    public Change? Get(string id)
    {
        lock (gate) return changes.FirstOrDefault(c => c.Id == id);
    }

    /// <summary>Changes for <c>select=in-progress|ready|all</c> and an optional service.</summary>
    public List<Change> List(string select, string? service)
    {
        lock (gate)
        {
            return changes.Where(c => select switch
                {
                    "all" => true,
                    "ready" => c.IsReady,
                    _ => !c.IsReady,
                })
                .Where(c => service is null || c.ServiceNames.Contains(service))
                .ToList();
        }
    }
}

using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// The one holder of the daemon's layers and the plan they combine into (upstream's plan manager). Whoever needs the
/// current plan reads <see cref="Plan"/>; whoever must act when it changes subscribes (the check manager restarts
/// its checks). A plan is replaced only whole and only when it is valid, so a reader never sees a half-applied one.
/// </summary>
internal sealed class PlanManager
{
    private readonly Lock gate = new();
    private readonly List<Action<PebblePlan>> listeners = [];
    private List<PebbleLayer> layers = [];
    private volatile PebblePlan plan = PebblePlan.Empty;

    /// <summary>The current combined plan (services start and restart with it; running ones keep theirs until restarted).</summary>
    public PebblePlan Plan => plan;

    /// <summary>Calls <paramref name="listener"/> with every new plan, in the order the plans were made.</summary>
    public void Subscribe(Action<PebblePlan> listener)
    {
        lock (gate) listeners.Add(listener);
    }

    /// <summary>Loads the layers directory; throws <see cref="PlanException"/> for an invalid plan.</summary>
    public void LoadDirectory(string directory) => Load(LayersDirectory.Load(directory));

    /// <summary>Replaces every layer with <paramref name="loaded"/>; throws <see cref="PlanException"/> (and changes nothing) for an invalid plan.</summary>
    public void Load(IReadOnlyList<PebbleLayer> loaded)
    {
        var combined = PebblePlan.Combine(loaded);
        lock (gate) Replace([.. loaded], combined);
    }

    /// <summary>
    /// Adds a layer in memory (API <c>add</c> and <c>--args</c>): appended after the last layer, or folded into the
    /// layer with the same label when <paramref name="combine"/> is set. Nothing changes when the result is invalid.
    /// </summary>
    public void AppendLayer(PebbleLayer layer, bool combine)
    {
        lock (gate)
        {
            var next = layers.Select(l => l.Copy()).ToList();
            var existing = next.FirstOrDefault(l => l.Label == layer.Label);
            if (existing is not null && !combine) throw new PlanException($"layer \"{layer.Label}\" already exists");
            if (existing is not null)
            {
                var merged = PebblePlan.CombineLayers([existing, layer]);
                merged.Label = existing.Label;
                merged.Order = existing.Order;
                next[next.IndexOf(existing)] = merged;
            }
            else
            {
                layer.Order = next.Count == 0 ? 1000 : (next.Max(l => l.Order) / 1000 + 1) * 1000;
                next.Add(layer);
            }

            Replace(next, PebblePlan.Combine(next));
        }
    }

    // Called under the lock, so listeners see the plans in the order they were made.
    private void Replace(List<PebbleLayer> next, PebblePlan combined)
    {
        layers = next;
        plan = combined;
        foreach (var listener in listeners) listener(combined);
    }
}

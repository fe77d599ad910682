namespace Cairn.Pebble.Plan;

/// <summary>
/// The combined plan: every layer folded in order (merge or replace per object), validated as a whole. This is
/// what the daemon runs and what <c>pebble plan</c> prints.
/// </summary>
public sealed class PebblePlan
{
    private PebblePlan(IReadOnlyList<PebbleLayer> layers, PebbleLayer combined)
    {
        Layers = layers;
        Combined = combined;
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<PebbleLayer> Layers { get; }

    /// <summary>The folded result (its summary and description are the last layer's).</summary>
    public PebbleLayer Combined { get; }

    /// <summary>Services by name.</summary>
    public SortedDictionary<string, Service> Services => Combined.Services;

    /// <summary>Checks by name.</summary>
    public SortedDictionary<string, Check> Checks => Combined.Checks;

    /// <summary>An empty plan (no layers).</summary>
    public static PebblePlan Empty { get; } = new([], new PebbleLayer());

    /// <summary>Combines and validates <paramref name="layers"/> (sorted by order); throws <see cref="PlanException"/>.</summary>
    public static PebblePlan Combine(IReadOnlyList<PebbleLayer> layers)
    {
        var ordered = layers.OrderBy(l => l.Order).ToList();
        var plan = new PebblePlan(ordered, CombineLayers(ordered));
        plan.Validate();
        return plan;
    }

    /// <summary>Folds layers into one without validating the result as a whole.</summary>
    public static PebbleLayer CombineLayers(IEnumerable<PebbleLayer> layers)
    {
        var combined = new PebbleLayer();
        foreach (var layer in layers)
        {
            combined.Summary = layer.Summary;
            combined.Description = layer.Description;
            foreach (var s in layer.Services.Values)
            {
                switch (s.Override)
                {
                    case Override.Merge when combined.Services.TryGetValue(s.Name, out var old): old.Merge(s); break;
                    case Override.Merge or Override.Replace: combined.Services[s.Name] = s.Copy(); break;
                    default: throw new PlanException($"layer \"{layer.Label}\" must define \"override\" for service \"{s.Name}\"{InFiles([layer])}");
                }
            }

            foreach (var c in layer.Checks.Values)
            {
                switch (c.Override)
                {
                    case Override.Merge when combined.Checks.TryGetValue(c.Name, out var old): old.Merge(c); break;
                    case Override.Merge or Override.Replace: combined.Checks[c.Name] = c.Copy(); break;
                    default: throw new PlanException($"layer \"{layer.Label}\" must define \"override\" for check \"{c.Name}\"{InFiles([layer])}");
                }
            }

            foreach (var t in layer.LogTargets.Values)
            {
                switch (t.Override)
                {
                    case Override.Merge when combined.LogTargets.TryGetValue(t.Name, out var old): old.Merge(t); break;
                    case Override.Merge or Override.Replace: combined.LogTargets[t.Name] = t.Copy(); break;
                    default: throw new PlanException($"layer \"{layer.Label}\" must define \"override\" for log target \"{t.Name}\"{InFiles([layer])}");
                }
            }
        }

        // Upstream fills in the threshold when combining; it is a plain integer there, not an optional one like
        // period and timeout, so the default is part of the combined plan and `pebble plan` prints it.
        foreach (var c in combined.Checks.Values)
        {
            if (c.Threshold is null or 0) c.Threshold = Check.DefaultThreshold;
        }

        return combined;
    }

    /// <summary>The plan as a layer without summary or description, as <c>pebble plan</c> prints it.</summary>
    public PebbleLayer ToLayer()
    {
        var copy = Combined.Copy();
        copy.Summary = null;
        copy.Description = null;
        return copy;
    }

    /// <summary>Validates the combined plan with upstream's messages; throws <see cref="PlanException"/>.</summary>
    public void Validate()
    {
        foreach (var s in Services.Values)
        {
            if (string.IsNullOrEmpty(s.Command)) throw new PlanException($"plan must define \"command\" for service \"{s.Name}\"{Defining(s)}");
            try
            {
                ServiceCommand.Parse(s.Name, s.Command);
            }
            catch (FormatException e)
            {
                throw new PlanException($"plan service \"{s.Name}\" command invalid: {e.Message}{Defining(s)}");
            }
        }

        foreach (var c in Checks.Values)
        {
            var kinds = (c.Http is null ? 0 : 1) + (c.Tcp is null ? 0 : 1) + (c.Exec is null ? 0 : 1);
            if (kinds != 1) throw new PlanException($"plan must specify one of \"http\", \"tcp\", or \"exec\" for check \"{c.Name}\"{Defining(c)}");
            if (c.Http is not null && string.IsNullOrEmpty(c.Http.Url))
                throw new PlanException($"plan must set \"url\" for http check \"{c.Name}\"{Defining(c)}");
            if (c.Tcp is not null && c.Tcp.Port is null or 0)
                throw new PlanException($"plan must set \"port\" for tcp check \"{c.Name}\"{Defining(c)}");
            if (c.Exec is not null)
            {
                if (string.IsNullOrEmpty(c.Exec.Command)) throw new PlanException($"plan must set \"command\" for exec check \"{c.Name}\"{Defining(c)}");
                if (!string.IsNullOrEmpty(c.Exec.ServiceContext) && !Services.ContainsKey(c.Exec.ServiceContext))
                    throw new PlanException($"plan check \"{c.Name}\" service context specifies non-existent service \"{c.Exec.ServiceContext}\"{Defining(c)}");
            }
        }

        foreach (var t in Combined.LogTargets.Values)
        {
            if (string.IsNullOrEmpty(t.Type)) throw new PlanException($"plan must define \"type\" for log target \"{t.Name}\"{Defining(t)}");
            if (string.IsNullOrEmpty(t.Location)) throw new PlanException($"plan must define \"location\" for log target \"{t.Name}\"{Defining(t)}");
            foreach (var name in t.Services)
            {
                var plain = name.TrimStart('-');
                if (plain != "all" && !Services.ContainsKey(plain))
                    throw new PlanException($"log target \"{t.Name}\" specifies unknown service \"{plain}\"{Defining(t)}");
            }
        }

        // StartOrder finds these too, but without knowing which service asked.
        foreach (var s in Services.Values)
        {
            var missing = s.Requires.FirstOrDefault(r => !Services.ContainsKey(r));
            if (missing is not null) throw new PlanException($"service \"{missing}\" does not exist{Defining(s)}");
        }

        StartOrder(Services.Keys);
    }

    // Where the layers directory is the source, errors about the combined plan name the files to edit: every layer
    // file that defines the object, in order. Upstream names nothing.
    private string Defining(Service s) => InFiles(Layers.Where(l => l.Services.ContainsKey(s.Name)));

    private string Defining(Check c) => InFiles(Layers.Where(l => l.Checks.ContainsKey(c.Name)));

    private string Defining(LogTarget t) => InFiles(Layers.Where(l => l.LogTargets.ContainsKey(t.Name)));

    private static string InFiles(IEnumerable<PebbleLayer> layers)
    {
        var files = layers.Select(l => l.Path).OfType<string>().Distinct().ToList();
        return files.Count == 0 ? "" : $" ({string.Join(", ", files)})";
    }

    /// <summary>
    /// Services to start for <paramref name="names"/> (plus everything they require), dependencies first.
    /// Throws <see cref="PlanException"/> for an unknown service or a before/after loop.
    /// </summary>
    public List<string> StartOrder(IEnumerable<string> names) => Order(names, stop: false);

    /// <summary>Services to stop for <paramref name="names"/> (plus everything that requires them), dependents first.</summary>
    public List<string> StopOrder(IEnumerable<string> names) => Order(names, stop: true);

    /// <summary>
    /// Splits an ordered list into lanes: services linked through <c>requires</c> share a lane (run one after
    /// another); unlinked ones get their own (run in parallel). Lanes keep the list's order.
    /// </summary>
    public List<List<string>> Lanes(IReadOnlyList<string> ordered)
    {
        var parent = ordered.ToDictionary(n => n, n => n);
        string Find(string n) => parent[n] == n ? n : parent[n] = Find(parent[n]);
        foreach (var n in ordered)
        {
            if (!Services.TryGetValue(n, out var s)) continue;
            foreach (var r in s.Requires.Where(parent.ContainsKey)) parent[Find(r)] = Find(n);
        }

        var lanes = new Dictionary<string, List<string>>();
        var result = new List<List<string>>();
        foreach (var n in ordered)
        {
            var root = Find(n);
            if (!lanes.TryGetValue(root, out var lane))
            {
                lane = [];
                lanes[root] = lane;
                result.Add(lane);
            }

            lane.Add(n);
        }

        return result;
    }

    private List<string> Order(IEnumerable<string> names, bool stop)
    {
        // Who requires whom, reversed, for stop requests.
        var requiredBy = new Dictionary<string, List<string>>();
        if (stop)
        {
            foreach (var s in Services.Values)
            {
                foreach (var r in s.Requires)
                {
                    if (!requiredBy.TryGetValue(r, out var list)) requiredBy[r] = list = [];
                    list.Add(s.Name);
                }
            }
        }

        var set = new List<string>();
        var seen = new HashSet<string>();
        var pending = new List<string>(names);
        for (var i = 0; i < pending.Count; i++)
        {
            var name = pending[i];
            if (!seen.Add(name)) continue;
            if (!Services.TryGetValue(name, out var service)) throw new PlanException($"service \"{name}\" does not exist");
            set.Add(name);
            pending.AddRange(stop ? requiredBy.GetValueOrDefault(name) ?? [] : service.Requires);
        }

        // Edges point from a service to those that must come first.
        var first = set.ToDictionary(n => n, _ => new List<string>());
        foreach (var name in set)
        {
            var s = Services[name];
            var (after, before) = stop ? (s.Before, s.After) : (s.After, s.Before);
            first[name].AddRange(after.Where(seen.Contains));
            foreach (var b in before.Where(seen.Contains)) first[b].Add(name);
        }

        var order = new List<string>();
        foreach (var component in StronglyConnected(first))
        {
            if (component.Count > 1)
                throw new PlanException($"services in before/after loop: {string.Join(", ", component.Order(StringComparer.Ordinal))}{InFiles(Layers.Where(l => component.Any(l.Services.ContainsKey)))}");
            order.Add(component[0]);
        }

        return order;
    }

    /// <summary>Tarjan's algorithm: components come out with the ones a node points to before the node itself.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges[v].Distinct().Order(StringComparer.Ordinal))
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            }
            while (x != v);
            result.Add(component);
        }

        foreach (var v in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v)) Visit(v);
        }

        return result;
    }
}

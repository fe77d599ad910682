namespace Cairn.Parts;

/// <summary>
/// The parts in the order they run: sorted by name, then topologically by <c>after</c>, always taking the
/// first part by name whose dependencies are done, so the order is the same on every run.
/// </summary>
public sealed class PartsGraph
{
    private readonly Dictionary<string, Part> byName;

    /// <summary>Orders <paramref name="parts"/>; unknown <c>after</c> names and cycles are errors naming the parts.</summary>
    public PartsGraph(IEnumerable<Part> parts)
    {
        byName = new Dictionary<string, Part>(StringComparer.Ordinal);
        foreach (var part in parts)
            if (!byName.TryAdd(part.Name, part))
                throw new ArgumentException($"internal error: part '{part.Name}' given twice", nameof(parts));

        var sorted = byName.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var name in sorted)
            foreach (var dep in byName[name].After)
                if (!byName.ContainsKey(dep))
                    throw PartsErrors.UnknownAfter(name, dep);

        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<Part>();
        var pending = new List<string>(sorted);
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(n => byName[n].After.All(done.Contains));
            if (next is null)
                throw PartsErrors.Cycle(FindCycle(pending));
            pending.Remove(next);
            done.Add(next);
            order.Add(byName[next]);
        }

        Parts = order;
    }

    /// <summary>All parts in run order.</summary>
    public IReadOnlyList<Part> Parts { get; }

    /// <summary>The part called <paramref name="name"/>.</summary>
    public Part this[string name] => byName[name];

    /// <summary>Whether the project has a part of that name.</summary>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <summary>The parts that depend on <paramref name="name"/> directly or through others, in run order.</summary>
    public IReadOnlyList<string> Dependents(string name)
    {
        var found = new HashSet<string>(StringComparer.Ordinal) { name };
        foreach (var part in Parts)
            if (part.After.Any(found.Contains))
                found.Add(part.Name);
        found.Remove(name);
        return Parts.Where(p => found.Contains(p.Name)).Select(p => p.Name).ToList();
    }

    // Among parts that could not be ordered, walk 'after' edges from the first until a name repeats:
    // that loop is the cycle to name (other stuck parts merely wait on it).
    private List<string> FindCycle(List<string> stuck)
    {
        var stuckSet = stuck.ToHashSet(StringComparer.Ordinal);
        var path = new List<string>();
        var current = stuck[0];
        while (!path.Contains(current))
        {
            path.Add(current);
            current = byName[current].After.Where(stuckSet.Contains).Order(StringComparer.Ordinal).First();
        }

        return path.Skip(path.IndexOf(current)).Order(StringComparer.Ordinal).ToList();
    }
}

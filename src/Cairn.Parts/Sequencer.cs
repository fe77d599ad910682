using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// Decides what a run does (craft-parts' sequencer): from the parts graph, the steps asked for and the input
/// hashes the state files recorded, the <see cref="Plan"/>. A part's step needs its own earlier steps, and its
/// build needs the parts it is <c>after</c> staged; each is planned once, where it is first needed. It reads the
/// state and the sources and runs nothing.
/// </summary>
internal sealed class Sequencer(PartsGraph graph, IReadOnlyDictionary<string, PreparedPart> parts, StepInputs inputs, StateStore store)
{
    /// <summary>The plan for <paramref name="selected"/> (in run order) through <paramref name="last"/>.</summary>
    public Plan Plan(IReadOnlyList<Part> selected, Step last, Step target)
    {
        var walk = new Walk();
        for (var step = Step.Pull; step <= last; step++)
            foreach (var part in selected)
                Ensure(walk, part, step);
        return new Plan(target, selected.Select(p => p.Name).ToList(), walk.Actions);
    }

    private PlannedAction Decide(PreparedPart part, Step step, string hash, IReadOnlyDictionary<string, string> inputs, bool stateDropped)
    {
        var state = stateDropped ? null : store.Read(part.Name, step);
        var action = new PlannedAction(part.Name, step, ActionKind.Run, "not done yet", hash) { Inputs = inputs };
        if (state is null) return action;
        if (state.Hash != hash)
            return action with { Kind = ActionKind.Rerun, Reason = "its inputs changed", ChangedInputs = Changed(state.Inputs, inputs, step) };
        return OutputsExist(part, step, state) ? action with { Kind = ActionKind.Skip, Reason = "up to date" } : action with { Kind = ActionKind.Rerun, Reason = "its outputs are missing" };
    }

    // The labels whose hash differs from the recorded one, in label order; none when the state recorded no labels.
    private static List<string> Changed(IReadOnlyDictionary<string, string> recorded, IReadOnlyDictionary<string, string> now, Step step)
    {
        if (recorded.Count == 0) return [];
        return recorded.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(label => recorded.GetValueOrDefault(label) != now.GetValueOrDefault(label))
            .Select(label => StepInputs.Describe(label, step)).ToList();
    }

    private static bool OutputsExist(PreparedPart part, Step step, StepState state)
    {
        var dirs = part.Directories;
        return step switch
        {
            Step.Pull => Directory.Exists(dirs.Src),
            Step.Build => Directory.Exists(dirs.Install),
            Step.Stage => state.Paths.All(p => FileTree.Exists(Path.Combine(dirs.Stage, p))),
            _ => state.Paths.All(p => FileTree.Exists(Path.Combine(dirs.Prime, p))),
        };
    }

    private string Ensure(Walk walk, Part part, Step step)
    {
        if (walk.Hashes.TryGetValue((part.Name, step), out var known)) return known;
        var previous = step == Step.Pull ? null : Ensure(walk, part, step - 1);
        var afterHashes = new List<string>();
        if (step == Step.Build)
            foreach (var dependency in part.After)
                afterHashes.Add(dependency + "=" + Ensure(walk, graph[dependency], Step.Stage));

        var prepared = parts[part.Name];
        var (hash, fields) = inputs.Of(prepared, step, previous, afterHashes);
        var action = Decide(prepared, step, hash, fields, walk.Dropped.Contains((part.Name, step)));
        walk.Actions.Add(action);
        if (action.Runs)
            for (var later = step + 1; later <= Step.Prime; later++) walk.Dropped.Add((part.Name, later));
        walk.Hashes[(part.Name, step)] = hash;
        return hash;
    }

    /// <summary>What one <see cref="Plan"/> call has decided so far.</summary>
    private sealed class Walk
    {
        public Dictionary<(string, Step), string> Hashes { get; } = [];

        /// <summary>
        /// Steps whose state a step planned earlier drops: a step that runs first drops its own state and that of
        /// the part's later steps (<see cref="PartHandler.Invalidate"/>), so those find none when the executor reaches them.
        /// </summary>
        public HashSet<(string, Step)> Dropped { get; } = [];

        public List<PlannedAction> Actions { get; } = [];
    }
}

using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// Moves a part's files between the shared directories (craft-parts' migration): its stage fileset from
/// <c>install</c> into <c>stage/</c>, its prime fileset from <c>stage/</c> into <c>prime/</c>, hard-linked; and takes
/// them out again when the step is redone or the part cleaned. A path another part placed stays: two parts may
/// place the same file only with the same content, and removing one part's copy must not take the other's.
/// </summary>
internal sealed class Migrator(PartsGraph graph, StateStore store)
{
    /// <summary>Copies the part's selection for <paramref name="step"/> (stage or prime); returns the paths selected.</summary>
    public SortedSet<string> Migrate(PreparedPart prepared, Step step)
    {
        var part = prepared.Part;
        var dirs = prepared.Directories;
        string from, to;
        Dictionary<string, EntryKind> tree;
        SortedSet<string> selection;
        if (step == Step.Stage)
        {
            (from, to) = (dirs.Install, dirs.Stage);
            tree = FileTree.Scan(from);
            selection = new Fileset(part.Name, "stage", part.Stage).Select(tree);
        }
        else
        {
            (from, to) = (dirs.Stage, dirs.Prime);
            tree = new Dictionary<string, EntryKind>(StringComparer.Ordinal);
            foreach (var path in store.Read(part.Name, Step.Stage)?.Paths ?? [])
                if (FileTree.KindAt(Path.Combine(from, path)) is { } kind) tree[path] = kind;
            selection = new Fileset(part.Name, "prime", part.Prime).Select(tree, everythingWithoutIncludes: true);
        }

        var owners = OwnersExcept(part.Name, step);
        foreach (var rel in selection)
        {
            var kind = tree[rel];
            var target = Path.Combine(to, rel);
            var existing = FileTree.KindAt(target);
            if (existing is not null)
            {
                if (kind == EntryKind.Directory && existing == EntryKind.Directory) continue;
                if (owners.TryGetValue(rel, out var other))
                {
                    if (!FileTree.AreSame(Path.Combine(from, rel), target))
                        throw PartsErrors.StageConflict(part.Name, other, rel, step);
                    continue;
                }

                // Left over from a step that was killed before it recorded its files.
                FileTree.DeleteEntry(target);
            }

            FileTree.CopyEntry(from, to, rel, kind, link: true);
        }

        return selection;
    }

    /// <summary>
    /// Removes what the part's recorded <paramref name="step"/> (stage or prime) placed, deepest first, keeping paths
    /// another part placed and directories something else still fills.
    /// </summary>
    public void Unmigrate(PreparedPart prepared, Step step, StepState state)
    {
        var root = step == Step.Stage ? prepared.Directories.Stage : prepared.Directories.Prime;
        var owners = OwnersExcept(prepared.Name, step);
        foreach (var rel in state.Paths.OrderByDescending(p => p, StringComparer.Ordinal))
        {
            if (owners.ContainsKey(rel)) continue;
            var full = Path.Combine(root, rel);
            switch (FileTree.KindAt(full))
            {
                case EntryKind.Directory:
                    if (!Directory.EnumerateFileSystemEntries(full).Any()) Directory.Delete(full);
                    break;
                case null:
                    break;
                default:
                    File.Delete(full);
                    break;
            }
        }
    }

    // Which other part recorded each path of a step, the first in run order.
    private Dictionary<string, string> OwnersExcept(string part, Step step)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var other in graph.Parts)
            if (other.Name != part)
                foreach (var path in store.Read(other.Name, step)?.Paths ?? [])
                    owners.TryAdd(path, other.Name);
        return owners;
    }
}

namespace Cairn.Sandbox.Processes;

/// <summary>
/// A process and its descendants, read from <c>/proc</c>. Needed because bubblewrap does not pass a signal on: a
/// stopped bwrap would leave the sandboxed step running, so cairn signals every process of the tree itself.
/// </summary>
public static class ProcessTree
{
    /// <summary><paramref name="root"/> and every process below it, as they are now (parents before children).</summary>
    public static IReadOnlyList<int> Of(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var (pid, parent) in ParentsOfAll())
        {
            if (!children.TryGetValue(parent, out var list))
                children[parent] = list = [];
            list.Add(pid);
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(children.GetValueOrDefault(tree[i]) ?? []);
        return tree;
    }

    /// <summary>True while <paramref name="pid"/> exists and has not ended (a zombie has ended).</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    private static IEnumerable<(int Pid, int Parent)> ParentsOfAll()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat)
                yield return (pid, stat.Parent);
    }

    // /proc/PID/stat is "PID (COMM) STATE PPID ..."; COMM may hold spaces and parentheses, so parse after the last ')'.
    private static (char State, int Parent)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended while we looked, or not ours to read
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out var parent) ? (fields[0][0], parent) : null;
    }
}

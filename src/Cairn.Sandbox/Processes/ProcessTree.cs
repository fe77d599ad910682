namespace Cairn.Sandbox.Processes;

/// <summary>
/// A process and its descendants, read from <c>/proc</c>. Needed because bubblewrap does not pass a signal on: a
/// stopped bwrap would leave the sandboxed step running, so cairn signals every process of the tree itself.
/// </summary>
public static class ProcessTree
{
    /// <summary>
    /// One process as seen at one moment. The start time tells it from a later process that got the same pid, so a
    /// process that has ended is never mistaken for a live one (and never signalled in its place).
    /// </summary>
    public readonly record struct Member(int Pid, long StartTime);

    /// <summary><paramref name="root"/> and every process below it, as they are now (parents before children).</summary>
    public static IReadOnlyList<Member> Of(int root)
    {
        var all = new Dictionary<int, Stat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Read(pid) is { } stat)
                all[pid] = stat;
        var children = all.GroupBy(p => p.Value.Parent).ToDictionary(g => g.Key, g => g.Select(p => p.Key).Order().ToList());

        var tree = new List<Member>();
        if (all.TryGetValue(root, out var rootStat))
            tree.Add(new Member(root, rootStat.StartTime));
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange((children.GetValueOrDefault(tree[i].Pid) ?? []).Select(pid => new Member(pid, all[pid].StartTime)));
        return tree;
    }

    /// <summary>True while the process exists and has not ended (a zombie has ended).</summary>
    public static bool IsAlive(Member member) => Read(member.Pid) is { } stat && stat.State != 'Z' && stat.StartTime == member.StartTime;

    private readonly record struct Stat(char State, int Parent, long StartTime);

    // /proc/PID/stat is "PID (COMM) STATE PPID ... STARTTIME ..." (STARTTIME is field 22); COMM may hold spaces and
    // parentheses, so the fields are counted from after the last ')'.
    private static Stat? Read(int pid)
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
        return fields.Length > 19 && int.TryParse(fields[1], out var parent) && long.TryParse(fields[19], out var start)
            ? new Stat(fields[0][0], parent, start)
            : null;
    }
}

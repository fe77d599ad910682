namespace Cairn.Sandbox.Environments;

/// <summary>
/// Builds bwrap's argv. A read-only root is assembled from the root filesystem's top-level entries rather
/// than one bind of the whole tree, so that bind targets anywhere (a project under /home/user, a wheelhouse
/// under ~/.cache) get their mount points in bwrap's own tmpfs instead of in the cached, shared root.
/// </summary>
public static class BubblewrapArguments
{
    /// <summary>The sandbox's PATH.</summary>
    public const string SandboxPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Top-level directories the sandbox mounts itself (proc, dev, and tmpfs for the rest).</summary>
    private static readonly string[] Managed = ["/proc", "/dev", "/tmp", "/run", "/root"];

    /// <summary>The argv running <paramref name="argv"/> under bubblewrap.</summary>
    /// <param name="bwrap">bwrap's full path.</param>
    /// <param name="rootfs">The root filesystem on the host.</param>
    /// <param name="writableRoot">True only while cairn itself installs into the root (apt).</param>
    /// <param name="unshareUser">True when not root: a user namespace maps the caller to root inside.</param>
    /// <param name="binds">Host paths made visible at the same path (value: writable).</param>
    /// <param name="environment">The complete environment of the command.</param>
    /// <param name="workingDirectory">Inside the sandbox.</param>
    /// <param name="argv">The command.</param>
    /// <param name="newSession">
    /// True (the default) detaches bwrap and the sandbox from cairn's terminal: bwrap starts under <c>setsid</c>
    /// (util-linux, essential on Debian and Ubuntu), so the terminal's Ctrl+C reaches cairn alone, which stops the
    /// whole tree (a bwrap killed by the terminal would leave the sandbox running, out of cairn's reach), and with
    /// <c>--new-session</c>, so nothing in the sandbox can push input into the terminal (TIOCSTI). False only for the
    /// shell the user asked for (<c>--shell</c>): it needs the terminal for job control, and Ctrl+C must reach
    /// what runs in the shell rather than cairn.
    /// </param>
    public static IReadOnlyList<string> Build(
        string bwrap,
        string rootfs,
        bool writableRoot,
        bool unshareUser,
        IReadOnlyDictionary<string, bool> binds,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        IReadOnlyList<string> argv,
        bool newSession = true)
    {
        // bwrap itself dies with cairn (ProcessSpawner); --die-with-parent makes the sandbox's first process die with
        // bwrap, and the kernel ends the rest of the PID namespace with it, so nothing of a step outlives cairn.
        var args = newSession ? new List<string> { "setsid", bwrap, "--new-session" } : [bwrap];
        args.AddRange(["--die-with-parent", "--unshare-pid", "--unshare-ipc"]);
        if (unshareUser)
            args.AddRange(["--unshare-user", "--uid", "0", "--gid", "0"]);

        var allBinds = new SortedDictionary<string, bool>(binds.ToDictionary(), StringComparer.Ordinal);
        // Name resolution for apt and pip: the host's resolver configuration.
        if (File.Exists("/etc/resolv.conf"))
            allBinds.TryAdd("/etc/resolv.conf", false);

        if (writableRoot)
            args.AddRange(["--bind", rootfs, "/"]);
        else
            AddReadOnlyTree(args, rootfs, "/", allBinds.Keys.ToArray());

        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run", "--tmpfs", "/var/tmp"]);
        if (!writableRoot)
            args.AddRange(["--tmpfs", "/root"]);

        // Parents before children, so a bind inside another bind lands on top of it.
        foreach (var (path, writable) in allBinds.OrderBy(b => b.Key.Length).ThenBy(b => b.Key, StringComparer.Ordinal))
            args.AddRange([writable ? "--bind" : "--ro-bind", path, path]);

        args.Add("--clearenv");
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            args.AddRange(["--setenv", name, value]);
        args.AddRange(["--chdir", workingDirectory, "--"]);
        args.AddRange(argv);
        return args;
    }

    private static void AddReadOnlyTree(List<string> args, string hostDirectory, string sandboxDirectory, IReadOnlyList<string> targets)
    {
        var entries = Directory.EnumerateFileSystemEntries(hostDirectory).Order(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var path = sandboxDirectory == "/" ? "/" + Path.GetFileName(entry) : sandboxDirectory + "/" + Path.GetFileName(entry);
            if (sandboxDirectory == "/" && Managed.Contains(path))
                continue;
            var info = new FileInfo(entry);
            if (info.LinkTarget is not null)
            {
                args.AddRange(["--symlink", info.LinkTarget, path]);
                continue;
            }

            var isTarget = targets.Contains(path);
            var isAncestor = targets.Any(t => t.StartsWith(path + "/", StringComparison.Ordinal));
            if (!isTarget && !isAncestor)
            {
                args.AddRange(["--ro-bind", entry, path]);
            }
            else if (Directory.Exists(entry))
            {
                // A bind lands at or below this directory: make it in the tmpfs and bind its other children.
                args.AddRange(["--dir", path]);
                if (!isTarget)
                    AddReadOnlyTree(args, entry, path, targets);
            }
        }
    }
}

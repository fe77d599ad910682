namespace Cairn.Sandbox.Caching;

/// <summary>
/// Where cairn keeps what it makes once and reuses across projects: <c>$XDG_CACHE_HOME/cairn</c>, or
/// <c>~/.cache/cairn</c>. Each kind of entry has its own directory; see docs/sandbox.md.
/// </summary>
public sealed record CacheLayout(string Root)
{
    /// <summary>Base root filesystems: <c>bases/&lt;base&gt;-&lt;key&gt;/{base.tar,rootfs/}</c>.</summary>
    public string Bases => Path.Combine(Root, "bases");

    /// <summary>Build environments (a base plus build-packages): <c>environments/&lt;base&gt;-&lt;key&gt;/rootfs/</c>.</summary>
    public string Environments => Path.Combine(Root, "environments");

    /// <summary>Downloaded .deb files, one pool per build environment.</summary>
    public string Packages => Path.Combine(Root, "packages");

    /// <summary>Offline Python wheelhouses made for tests and air-gapped use.</summary>
    public string Wheelhouses => Path.Combine(Root, "wheelhouses");

    /// <summary>Each project's build (parts, stage, prime, image blobs), by name and a hash of its directory (<see cref="ProjectBuilds"/>).</summary>
    public string Projects => Path.Combine(Root, "projects");

    /// <summary>Every kind of entry directory, for listing and pruning.</summary>
    public IReadOnlyList<string> Kinds => [Bases, Environments, Packages, Wheelhouses, Projects];

    /// <summary>The cache the variables point at: an absolute <c>XDG_CACHE_HOME</c> wins, then <c>HOME</c>.</summary>
    public static CacheLayout FromEnvironment(Func<string, string?> getVariable)
    {
        var xdg = getVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
            return new CacheLayout(Path.Combine(xdg, "cairn"));
        var home = getVariable("HOME");
        if (string.IsNullOrEmpty(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new CacheLayout(Path.Combine(home, ".cache", "cairn"));
    }
}

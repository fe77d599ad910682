namespace Cairn.Sandbox.Bases;

/// <summary>
/// The top-level links of a merged /usr (<c>bin -> usr/bin</c>, ...). Every base cairn packs on has them: the
/// Ubuntu bases carry them, and pack gives them to <c>bare</c>, because Ubuntu's packages rely on them (noble's
/// dynamic loader is only under <c>/usr/lib64</c>, reached through <c>/lib64</c>).
/// </summary>
public static class MergedUsr
{
    /// <summary>The directories that are links into <c>usr/</c>.</summary>
    public static IReadOnlyList<string> Directories { get; } = ["bin", "lib", "lib64", "sbin"];

    /// <summary>The link target of <paramref name="directory"/>, relative as base-files makes it.</summary>
    public static string TargetOf(string directory) => "usr/" + directory;

    /// <summary>True when <paramref name="root"/>/<paramref name="directory"/> is exactly such a link.</summary>
    public static bool IsLinkIn(string root, string directory) =>
        new FileInfo(Path.Combine(root, directory)).LinkTarget == TargetOf(directory);
}

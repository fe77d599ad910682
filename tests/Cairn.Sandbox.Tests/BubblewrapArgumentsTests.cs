using Cairn.Sandbox.Environments;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

public class BubblewrapArgumentsTests
{
    private static IReadOnlyList<string> Build(TempDirectory rootfs, bool writable, bool unshare, Dictionary<string, bool> binds) =>
        BubblewrapArguments.Build("/usr/bin/bwrap", rootfs.Path, writable, unshare, binds,
            new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["HOME"] = "/root" }, "/work", ["true"]);

    private static TempDirectory Rootfs()
    {
        var rootfs = new TempDirectory("cairn-rootfs");
        rootfs.Write("usr/bin/true", "");
        rootfs.Write("etc/os-release", "");
        rootfs.Write("home/.keep", "");
        Directory.CreateDirectory(rootfs.Combine("tmp"));
        File.CreateSymbolicLink(rootfs.Combine("bin"), "usr/bin");
        return rootfs;
    }

    private static bool HasTriple(IReadOnlyList<string> args, string a, string b, string c) =>
        Enumerable.Range(0, args.Count - 2).Any(i => args[i] == a && args[i + 1] == b && args[i + 2] == c);

    [Fact]
    public void A_read_only_root_is_assembled_so_binds_can_land_anywhere()
    {
        using var rootfs = Rootfs();
        var args = Build(rootfs, writable: false, unshare: false, new() { ["/home/user/project"] = true });
        Assert.True(HasTriple(args, "--ro-bind", rootfs.Combine("usr"), "/usr"));
        Assert.True(HasTriple(args, "--symlink", "usr/bin", "/bin"));
        // /home holds a bind target: it is made in bwrap's tmpfs and its own entries bound one by one.
        Assert.Contains("/home", args);
        Assert.False(HasTriple(args, "--ro-bind", rootfs.Combine("home"), "/home"));
        Assert.True(HasTriple(args, "--ro-bind", rootfs.Combine("home", ".keep"), "/home/.keep"));
        Assert.True(HasTriple(args, "--bind", "/home/user/project", "/home/user/project"));
        // /tmp is the sandbox's own tmpfs, never the root's directory.
        Assert.False(HasTriple(args, "--ro-bind", rootfs.Combine("tmp"), "/tmp"));
        Assert.True(HasTriple(args, "--tmpfs", "/tmp", "--tmpfs"));
        Assert.DoesNotContain("--unshare-user", args);
    }

    [Fact]
    public void The_environment_is_cleared_and_set_explicitly()
    {
        using var rootfs = Rootfs();
        var args = Build(rootfs, writable: true, unshare: true, []);
        var clear = args.ToList().IndexOf("--clearenv");
        Assert.True(clear > 0);
        Assert.True(HasTriple(args, "--setenv", "HOME", "/root"));
        Assert.True(HasTriple(args, "--bind", rootfs.Path, "/"));
        Assert.True(HasTriple(args, "--unshare-user", "--uid", "0"));
        Assert.Equal(["--chdir", "/work", "--", "true"], args.TakeLast(4));
    }

    [Fact]
    public void A_command_runs_apart_from_the_terminal_and_only_the_users_shell_shares_it()
    {
        using var rootfs = Rootfs();
        var command = Build(rootfs, writable: false, unshare: true, []);
        var shell = BubblewrapArguments.Build("/usr/bin/bwrap", rootfs.Path, false, true, new Dictionary<string, bool>(), new Dictionary<string, string>(), "/work", ["bash"], newSession: false);
        Assert.Equal(["setsid", "/usr/bin/bwrap", "--new-session"], command.Take(3));
        Assert.Equal("/usr/bin/bwrap", shell[0]);
        Assert.DoesNotContain("--new-session", shell);
    }
}

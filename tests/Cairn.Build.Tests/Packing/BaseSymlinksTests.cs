using Cairn.Build.Packing;

namespace Cairn.Build.Tests.Packing;

public class BaseSymlinksTests
{
    private static readonly BaseSymlinks Ubuntu = new(new Dictionary<string, string>
    {
        ["bin"] = "usr/bin",
        ["lib"] = "usr/lib",
        ["lib64"] = "/usr/lib64",
        ["sbin"] = "usr/sbin",
        ["usr/lib/alt"] = "../share/alt",
    });

    [Theory]
    [InlineData("bin/python3", "usr/bin/python3")]
    [InlineData("lib/python3.12/site-packages/flask/app.py", "usr/lib/python3.12/site-packages/flask/app.py")]
    [InlineData("lib64/ld-linux-x86-64.so.2", "usr/lib64/ld-linux-x86-64.so.2")]
    [InlineData("/sbin/init", "usr/sbin/init")]
    [InlineData("flask/app/app.py", "flask/app/app.py")]
    [InlineData("binaries/x", "binaries/x")]
    [InlineData("bin", "bin")]
    [InlineData("lib/alt/x", "usr/share/alt/x")]
    public void Reroot_MovesPathsUnderSymlinkedDirectories(string path, string expected)
    {
        Assert.Equal(expected, Ubuntu.Reroot(path));
    }

    [Fact]
    public void IsSymlinkedDirectory_TrueOnlyForTheLinkItself()
    {
        Assert.True(Ubuntu.IsSymlinkedDirectory("bin"));
        Assert.True(Ubuntu.IsSymlinkedDirectory("/lib64"));
        Assert.False(Ubuntu.IsSymlinkedDirectory("usr/bin"));
        Assert.False(Ubuntu.IsSymlinkedDirectory("bin/python3"));
    }

    [Fact]
    public void Reroot_SymlinkCycle_Terminates()
    {
        var cyclic = new BaseSymlinks(new Dictionary<string, string> { ["a"] = "b", ["b"] = "a" });

        var result = cyclic.Reroot("a/x");

        Assert.True(result is "a/x" or "b/x");
    }

    [Fact]
    public void None_LeavesEveryPath()
    {
        Assert.Equal("bin/python3", BaseSymlinks.None.Reroot("bin/python3"));
    }
}

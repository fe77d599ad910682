using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;

namespace Cairn.Sandbox.Tests;

public class CacheLayoutTests
{
    [Fact]
    public void An_absolute_XDG_CACHE_HOME_wins()
    {
        var vars = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = "/x/cache", ["HOME"] = "/home/u" };
        Assert.Equal("/x/cache/cairn", CacheLayout.FromEnvironment(vars.GetValueOrDefault).Root);
    }

    [Fact]
    public void Without_XDG_CACHE_HOME_the_cache_is_under_home()
    {
        var vars = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = "relative", ["HOME"] = "/home/u" };
        Assert.Equal("/home/u/.cache/cairn", CacheLayout.FromEnvironment(vars.GetValueOrDefault).Root);
    }

    [Fact]
    public void The_mirror_option_wins_over_the_variable()
    {
        var vars = new Dictionary<string, string> { ["CAIRN_APT_MIRROR"] = "http://from-variable/ubuntu/" };
        Assert.Equal("http://option/ubuntu", BaseRequest.ResolveMirror("http://option/ubuntu", vars.GetValueOrDefault));
        Assert.Equal("http://from-variable/ubuntu", BaseRequest.ResolveMirror(null, vars.GetValueOrDefault));
        Assert.Null(BaseRequest.ResolveMirror(null, _ => null));
    }
}

using Cairn.Diagnostics;
using Cairn.Sandbox.Bases;

namespace Cairn.Sandbox.Tests;

public class BaseNameTests
{
    [Theory]
    [InlineData("ubuntu@22.04", "jammy")]
    [InlineData("ubuntu@24.04", "noble")]
    public void An_ubuntu_base_names_its_suite(string name, string suite)
    {
        var parsed = BaseName.Parse(name);
        Assert.Equal(suite, parsed.Suite);
        Assert.False(parsed.IsBare);
    }

    [Fact]
    public void Bare_has_no_suite() => Assert.True(BaseName.Parse("bare").IsBare);

    [Fact]
    public void An_unknown_base_is_a_user_error_listing_the_known_ones()
    {
        var e = Assert.Throws<CairnException>(() => BaseName.Parse("ubuntu@18.04"));
        Assert.Equal(FailureKind.User, e.Kind);
        Assert.Equal("CAIRN4003", e.Diagnostics[0].Code);
        Assert.Contains("ubuntu@18.04", e.Message, StringComparison.Ordinal);
        Assert.Contains("ubuntu@24.04", e.Diagnostics[0].Hint, StringComparison.Ordinal);
    }
}

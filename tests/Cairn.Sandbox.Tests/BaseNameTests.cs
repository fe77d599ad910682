using Cairn.Bases;
using Cairn.Diagnostics;

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

    [Theory]
    [InlineData("ubuntu@22.04", "3.10", "bin/pebble")]
    [InlineData("ubuntu@24.04", "3.12", "usr/bin/pebble")]
    public void A_build_base_names_its_python_and_where_pebble_goes(string name, string python, string pebble)
    {
        var parsed = BaseName.Parse(name);
        Assert.Equal(python, parsed.PythonVersion);
        Assert.Equal(pebble, parsed.PebblePath);
        Assert.Contains(parsed, BaseName.BuildBases);
    }

    [Fact]
    public void Bare_is_a_base_but_not_a_build_base()
    {
        Assert.Equal("bare", BaseName.Known[0]);
        Assert.DoesNotContain("bare", BaseName.KnownBuildBases);
    }

    [Theory]
    [InlineData("amd64", "x86_64-linux-gnu")]
    [InlineData("arm64", "aarch64-linux-gnu")]
    [InlineData("ppc64el", "powerpc64le-linux-gnu")]
    public void An_architecture_names_its_multiarch_triplet(string architecture, string triplet) =>
        Assert.Equal(triplet, DebianArchitecture.Triplet(architecture));

    [Theory]
    [InlineData("amd64", "amd64")]
    [InlineData("armhf", "arm")]
    [InlineData("i386", "386")]
    [InlineData("ppc64el", "ppc64le")]
    public void An_image_platform_spells_an_architecture_as_go_does(string architecture, string oci) =>
        Assert.Equal(oci, DebianArchitecture.Oci(architecture));

    [Fact]
    public void The_machine_architecture_is_spelled_as_debian_does() =>
        Assert.Equal("amd64", DebianArchitecture.Of(System.Runtime.InteropServices.Architecture.X64));
}

using System.IO.Compression;
using System.Security.Cryptography;
using Cairn.TestKit;
using Cairn.Wheelhouse;

namespace Cairn.Sandbox.Tests;

public class WheelhouseUnitTests
{
    [Fact]
    public void Requires_dist_comes_from_the_debs_depends_with_the_distributions_own_names()
    {
        var names = new Dictionary<string, string> { ["python3-werkzeug"] = "Werkzeug", ["python3-tz"] = "pytz", ["python3-click"] = "click" };
        var requires = DebianDepends.RequiresDist(
            "python3-werkzeug (>= 2.2.2-3), python3:any, python3-tz | python3-other, libc6 (>= 2.34), python3-click (<< 9), python3-missing", names);
        Assert.Equal(["Werkzeug>=2.2.2", "click", "pytz"], requires);
    }

    [Theory]
    [InlineData("2.2.2-3", "2.2.2")]
    [InlineData("1:3.0.13-0ubuntu3.4", "3.0.13")]
    [InlineData("1.1.2+dfsg-1", "1.1.2")]
    [InlineData("0.9~b1-2", "0.9")]
    [InlineData("20210101git", null)]
    public void A_debian_version_becomes_an_upstream_release_number_or_nothing(string debian, string? upstream) =>
        Assert.Equal(upstream, DebianDepends.UpstreamVersion(debian));

    [Fact]
    public void The_distribution_name_and_version_come_from_the_packages_own_metadata()
    {
        using var deb = new TempDirectory();
        deb.Write("usr/lib/python3/dist-packages/pytz-2022.1.egg-info/PKG-INFO", "Metadata-Version: 2.1\nName: pytz\nVersion: 2022.1\nSummary: World timezone definitions\n\nlong text\nName: not-this\n");
        deb.Write("usr/lib/python3/dist-packages/pytz/__init__.py", "");
        var distribution = DistributionReader.Read("python3-tz", deb.Path);
        Assert.NotNull(distribution);
        Assert.Equal(("pytz", "2022.1", "World timezone definitions"), (distribution.Name, distribution.Version, distribution.Summary));
        Assert.Null(DistributionReader.Read("python3-none", deb.Combine("nothing")));
    }

    [Fact]
    public void A_wheel_has_a_record_of_every_file_and_the_same_bytes_every_time()
    {
        using var temp = new TempDirectory();
        temp.Write("payload/zope/event/__init__.py", "x = 1\n");
        var distribution = new PythonDistribution("python3-zope.event", "zope.event", "5.0", null, "unused", "[console_scripts]\nz = zope.event:main\n");
        var first = WheelWriter.Write(temp.Combine("a"), distribution, temp.Combine("payload"), "py3-none-any", ["setuptools"]);
        var second = WheelWriter.Write(temp.Combine("b"), distribution, temp.Combine("payload"), "py3-none-any", ["setuptools"]);

        Assert.Equal("zope_event-5.0-py3-none-any.whl", Path.GetFileName(first));
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(first)), SHA256.HashData(File.ReadAllBytes(second)));
        using var zip = ZipFile.OpenRead(first);
        // The dist-info keeps the dot, as pkg_resources on jammy needs to find "zope.event".
        var record = new StreamReader(zip.GetEntry("zope.event-5.0.dist-info/RECORD")!.Open()).ReadToEnd();
        var hash = Convert.ToBase64String(SHA256.HashData("x = 1\n"u8)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Contains($"zope/event/__init__.py,sha256={hash},6", record, StringComparison.Ordinal);
        Assert.Contains("zope.event-5.0.dist-info/RECORD,,", record, StringComparison.Ordinal);
        var metadata = new StreamReader(zip.GetEntry("zope.event-5.0.dist-info/METADATA")!.Open()).ReadToEnd();
        Assert.Contains("Requires-Dist: setuptools\n", metadata, StringComparison.Ordinal);
        Assert.NotNull(zip.GetEntry("zope.event-5.0.dist-info/entry_points.txt"));
    }
}

using Cairn.Bases;
using Cairn.TestKit;
using Cairn.Wheelhouse;

namespace Cairn.Sandbox.Tests;

/// <summary>The wheelhouse and pip inside the build environment, as an air-gapped user would use them.</summary>
[Collection(RealBasesCollection.Name)]
public class WheelhouseIntegrationTests(RealBases bases)
{
    [ToolTheory("mmdebstrap", "bwrap", "patchelf")]
    [InlineData("ubuntu@22.04", "cp310", "imported flask 2.", "gevent 21.")]
    [InlineData("ubuntu@24.04", "cp312", "imported flask 3.", "gevent 24.")]
    public async Task A_venv_in_the_environment_installs_flask_gunicorn_and_gevent_from_the_wheelhouse(string name, string python, string flask, string gevent)
    {
        var @base = BaseName.Parse(name);
        var wheelhouse = await new WheelhouseBuilder(bases.Host).GetAsync(@base, CancellationToken.None);
        var wheels = Directory.GetFiles(wheelhouse, "*.whl").Select(Path.GetFileName).ToArray();
        Assert.Contains(wheels, w => w!.StartsWith("gevent-", StringComparison.Ordinal) && w.EndsWith($"-{python}-{python}-linux_x86_64.whl", StringComparison.Ordinal));
        Assert.Contains(wheels, w => w!.StartsWith("pip-", StringComparison.Ordinal));
        Assert.Contains(wheels, w => w!.StartsWith("zope_interface-", StringComparison.Ordinal));
        // Vendored as auditwheel does: gevent carries the libev the distribution build links.
        using (var geventWheel = System.IO.Compression.ZipFile.OpenRead(Path.Combine(wheelhouse, wheels.First(w => w!.StartsWith("gevent-", StringComparison.Ordinal))!)))
            Assert.Contains(geventWheel.Entries, e => e.FullName == "gevent.libs/libev.so.4");

        using var work = new TempDirectory();
        var (exit, output) = await WheelhouseVerifier.VerifyAsync(bases.Host, @base, wheelhouse, work.Path, CancellationToken.None);
        Assert.True(exit == 0, string.Join('\n', output));
        Assert.Contains(output, l => l.StartsWith(flask, StringComparison.Ordinal) && l.Contains(gevent, StringComparison.Ordinal));
        // Installed from the wheelhouse only: pip never looked at an index.
        Assert.DoesNotContain(output, l => l.Contains("pypi.org", StringComparison.Ordinal));
    }
}

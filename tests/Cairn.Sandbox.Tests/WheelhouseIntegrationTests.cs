using Cairn.Sandbox.Bases;
using Cairn.TestKit;
using Cairn.Wheelhouse;

namespace Cairn.Sandbox.Tests;

/// <summary>The wheelhouse and pip inside the build environment, as an air-gapped user would use them.</summary>
[Collection(RealBasesCollection.Name)]
public class WheelhouseIntegrationTests(RealBases bases)
{
    [ToolFact("mmdebstrap", "bwrap", "patchelf")]
    public async Task A_venv_in_the_environment_installs_flask_gunicorn_and_gevent_from_the_wheelhouse()
    {
        var wheelhouse = await new WheelhouseBuilder(bases.Host).GetAsync(RealBases.Noble, CancellationToken.None);
        var wheels = Directory.GetFiles(wheelhouse, "*.whl").Select(Path.GetFileName).ToArray();
        Assert.Contains(wheels, w => w!.StartsWith("gevent-", StringComparison.Ordinal) && w.EndsWith("-cp312-cp312-linux_x86_64.whl", StringComparison.Ordinal));
        Assert.Contains(wheels, w => w!.StartsWith("pip-", StringComparison.Ordinal));
        Assert.Contains(wheels, w => w!.StartsWith("zope_interface-", StringComparison.Ordinal));

        using var work = new TempDirectory();
        var (exit, output) = await WheelhouseVerifier.VerifyAsync(bases.Host, RealBases.Noble, wheelhouse, work.Path, CancellationToken.None);
        Assert.True(exit == 0, string.Join('\n', output));
        Assert.Contains(output, l => l.StartsWith("imported flask 3.", StringComparison.Ordinal) && l.Contains("gevent 24.", StringComparison.Ordinal));
        // Installed from the wheelhouse only: pip never looked at an index.
        Assert.DoesNotContain(output, l => l.Contains("pypi.org", StringComparison.Ordinal));
    }
}

using Cairn.Bases;
using Cairn.Diagnostics;
using Cairn.Sandbox.Environments;

namespace Cairn.Sandbox.Tests;

public class BuildEnvironmentFactoryTests
{
    private static readonly BaseName Noble = BaseName.Parse("ubuntu@24.04");

    [Fact]
    public async Task A_missing_bubblewrap_names_the_package_to_install()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: false, "mmdebstrap", "tar", "cp");
        var e = await Assert.ThrowsAsync<CairnException>(() => new BuildEnvironmentFactory(fake.Host)
            .CreateAsync(new BuildEnvironmentRequest(Noble, Noble, [], fake.Combine("work"), new Dictionary<string, string>()), CancellationToken.None));
        Assert.Equal("CAIRN4001", e.Diagnostics[0].Code);
        Assert.Contains("'bwrap' is not installed", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install bubblewrap", e.Diagnostics[0].Hint, StringComparison.Ordinal);
        Assert.Empty(fake.Runner.Requests);
    }

    [Fact]
    public async Task Bare_cannot_be_a_build_base()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: true, "bwrap");
        var e = await Assert.ThrowsAsync<CairnException>(() => new BuildEnvironmentFactory(fake.Host)
            .CreateAsync(new BuildEnvironmentRequest(BaseName.Bare, BaseName.Bare, [], fake.Combine("work"), new Dictionary<string, string>()), CancellationToken.None));
        Assert.Equal("CAIRN4006", e.Diagnostics[0].Code);
    }

    [Theory]
    [InlineData(null, "the Ubuntu archive cannot be reached", "check the network or proxy")]
    [InlineData("http://mirror.invalid/ubuntu", "the apt mirror http://mirror.invalid/ubuntu cannot be reached", "name a reachable mirror")]
    public async Task An_unreachable_archive_or_mirror_while_fetching_the_lists_is_named_with_how_to_set_another(string? mirror, string named, string hint)
    {
        var runner = new FakeProcessRunner(r => r.Arguments.Contains("update")
            ? new CommandResult(100, ["Err:1 http://mirror.invalid/ubuntu noble InRelease", "  Could not resolve 'mirror.invalid'", "E: Some index files failed to download."])
            : new CommandResult(0, []));
        using var fake = new FakeHost(runner, isRoot: true, "bwrap", "mmdebstrap", "tar", "cp", "unshare");
        var e = await Assert.ThrowsAsync<CairnException>(() => new BuildEnvironmentFactory(fake.Host)
            .CreateAsync(new BuildEnvironmentRequest(Noble, Noble, [], fake.Combine("work"), new Dictionary<string, string>()) { Mirror = mirror }, CancellationToken.None));

        Assert.Equal("CAIRN4007", e.Diagnostics[0].Code);
        Assert.StartsWith($"cannot fetch the package lists of ubuntu@24.04: {named}: the command exited with code 100", e.Message, StringComparison.Ordinal);
        Assert.Contains(hint, e.Diagnostics[0].Hint, StringComparison.Ordinal);
        Assert.Contains("--apt-mirror or CAIRN_APT_MIRROR", e.Diagnostics[0].Hint, StringComparison.Ordinal);
        // apt-get update fails on a source it cannot fetch instead of leaving empty lists behind.
        Assert.Contains("--error-on=any", runner.Requests.Single(r => r.Arguments.Contains("update")).Arguments);
        Assert.Empty(Directory.EnumerateFileSystemEntries(fake.Host.Cache.Environments));
    }

    [Fact]
    public async Task Destructive_mode_runs_on_the_host_with_only_the_listed_variables()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: true, "unshare");
        var caller = new Dictionary<string, string> { ["HOME"] = "/home/u", ["PIP_NO_INDEX"] = "1", ["SECRET"] = "x" };
        var environment = await new BuildEnvironmentFactory(fake.Host)
            .CreateAsync(new BuildEnvironmentRequest(Noble, Noble, [], fake.Combine("work"), caller) { DestructiveMode = true }, CancellationToken.None);
        Assert.Equal("the host (destructive mode)", environment.Description);

        await environment.RunAsync(new SandboxCommand(["make"], "/src") { Environment = new Dictionary<string, string> { ["CRAFT_PART_NAME"] = "app" } }, CancellationToken.None);
        var request = Assert.Single(fake.Runner.Requests);
        // In a PID namespace that ends with unshare (and so with cairn): nothing the step starts outlives it.
        Assert.Equal(["--pid", "--fork", "--kill-child", "--", "make"], request.Arguments.Skip(1));
        Assert.True(request.ClearEnvironment);
        Assert.Equal(["CRAFT_PART_NAME", "HOME", "LANG", "PATH", "PIP_NO_INDEX"], request.Environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/home/u", request.Environment["HOME"]);
        Assert.Equal("/src", request.WorkingDirectory);
    }
}

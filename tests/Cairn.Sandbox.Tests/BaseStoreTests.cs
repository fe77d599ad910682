using Cairn.Bases;
using Cairn.Diagnostics;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;

namespace Cairn.Sandbox.Tests;

public class BaseStoreTests
{
    private static readonly BaseName Noble = BaseName.Parse("ubuntu@24.04");

    [Fact]
    public async Task A_base_is_made_with_mmdebstrap_minbase_main_universe_and_the_epoch()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: true, "mmdebstrap", "tar", "unshare");
        var cached = await new BaseStore(fake.Host).GetAsync(new BaseRequest(Noble, null, 1234), CancellationToken.None);

        var mm = fake.Runner.Requests[0];
        // As root in a mount namespace of its own, so a killed run cannot leave its chroot's mounts on the host, and in
        // a PID namespace that ends with unshare, so a killed cairn leaves no apt or dpkg running.
        Assert.EndsWith("/unshare", mm.Arguments[0], StringComparison.Ordinal);
        Assert.Equal(["--mount", "--propagation=private", "--pid", "--fork", "--kill-child", "--"], mm.Arguments.Skip(1).Take(6));
        Assert.EndsWith("/mmdebstrap", mm.Arguments[7], StringComparison.Ordinal);
        Assert.Contains("--variant=minbase", mm.Arguments);
        Assert.Contains("--components=main,universe", mm.Arguments);
        Assert.Contains("--include=apt", mm.Arguments);
        Assert.Contains("--mode=root", mm.Arguments);
        Assert.Contains("noble", mm.Arguments);
        // No mirror: mmdebstrap picks the archive itself, so no host appears on the command line.
        Assert.DoesNotContain(mm.Arguments, a => a.Contains("://", StringComparison.Ordinal));
        Assert.Equal("1234", mm.Environment["SOURCE_DATE_EPOCH"]);
        var extract = fake.Runner.Requests[1];
        Assert.Contains("--exclude=./dev/*", extract.Arguments);
        Assert.True(File.Exists(Path.Combine(cached.Directory, CacheEntries.ManifestName)));
    }

    [Fact]
    public async Task An_ordinary_user_gets_mmdebstrap_in_unshare_mode()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: false, "mmdebstrap", "tar", "newuidmap");
        await new BaseStore(fake.Host).GetAsync(new BaseRequest(Noble), CancellationToken.None);
        // unshare mode makes its own namespaces: no unshare(1) around it.
        Assert.EndsWith("/mmdebstrap", fake.Runner.Requests[0].Arguments[0], StringComparison.Ordinal);
        Assert.Contains("--mode=unshare", fake.Runner.Requests[0].Arguments);
        Assert.Contains("--no-same-owner", fake.Runner.Requests[1].Arguments);
    }

    [Fact]
    public async Task A_second_request_is_served_from_the_cache_without_running_anything()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: true, "mmdebstrap", "tar", "unshare");
        var store = new BaseStore(fake.Host);
        var first = await store.GetAsync(new BaseRequest(Noble), CancellationToken.None);
        var count = fake.Runner.Requests.Count;
        var second = await store.GetAsync(new BaseRequest(Noble), CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal(count, fake.Runner.Requests.Count);
    }

    [Fact]
    public void The_mirror_and_the_epoch_are_part_of_the_key()
    {
        using var fake = new FakeHost(new FakeProcessRunner());
        var store = new BaseStore(fake.Host);
        var plain = CacheEntries.KeyOf(store.InputsOf(new BaseRequest(Noble)));
        Assert.NotEqual(plain, CacheEntries.KeyOf(store.InputsOf(new BaseRequest(Noble, "http://mirror.example/ubuntu"))));
        Assert.NotEqual(plain, CacheEntries.KeyOf(store.InputsOf(new BaseRequest(Noble, null, 1))));
        Assert.NotEqual(plain, CacheEntries.KeyOf(store.InputsOf(new BaseRequest(BaseName.Parse("ubuntu@22.04")))));
    }

    [Fact]
    public void A_mirror_replaces_the_archive_for_the_release_updates_and_security()
    {
        using var fake = new FakeHost(new FakeProcessRunner());
        var args = new BaseStore(fake.Host).MmdebstrapArguments("mmdebstrap", new BaseRequest(Noble, "http://mirror.example/ubuntu"), "/out.tar");
        var sources = args.Where(a => a.StartsWith("deb ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, sources.Length);
        Assert.All(sources, s => Assert.Contains("http://mirror.example/ubuntu", s, StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Contains(" noble-security main universe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_mmdebstrap_names_the_package_to_install()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: true, "tar");
        var e = await Assert.ThrowsAsync<CairnException>(() => new BaseStore(fake.Host).GetAsync(new BaseRequest(Noble), CancellationToken.None));
        Assert.Equal("CAIRN4001", e.Diagnostics[0].Code);
        Assert.Contains("'mmdebstrap' is not installed", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install mmdebstrap", e.Diagnostics[0].Hint, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(fake.Host.Cache.Bases));
    }

    [Fact]
    public async Task An_unreachable_mirror_is_named_with_how_to_set_another()
    {
        var runner = new FakeProcessRunner(r => r.Arguments.Any(a => a.EndsWith("/mmdebstrap", StringComparison.Ordinal))
            ? new CommandResult(1, ["W: Failed to fetch http://mirror.invalid/ubuntu/dists/noble/InRelease  Could not resolve 'mirror.invalid'", "E: apt-get update failed"])
            : new CommandResult(0, []));
        using var fake = new FakeHost(runner, isRoot: true, "mmdebstrap", "tar", "unshare");
        var e = await Assert.ThrowsAsync<CairnException>(() =>
            new BaseStore(fake.Host).GetAsync(new BaseRequest(Noble, "http://mirror.invalid/ubuntu"), CancellationToken.None));
        Assert.Equal("CAIRN4004", e.Diagnostics[0].Code);
        Assert.Contains("the apt mirror http://mirror.invalid/ubuntu cannot be reached", e.Message, StringComparison.Ordinal);
        Assert.Contains("CAIRN_APT_MIRROR", e.Diagnostics[0].Hint, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", e.Message, StringComparison.Ordinal);
        // Nothing half-made is left for a later run to trust.
        Assert.Empty(Directory.EnumerateFileSystemEntries(fake.Host.Cache.Bases));
    }

    [Fact]
    public async Task Bare_has_no_root_filesystem()
    {
        using var fake = new FakeHost(new FakeProcessRunner(), isRoot: true, "mmdebstrap", "tar", "unshare");
        var e = await Assert.ThrowsAsync<CairnException>(() => new BaseStore(fake.Host).GetAsync(new BaseRequest(BaseName.Bare), CancellationToken.None));
        Assert.Equal("CAIRN4006", e.Diagnostics[0].Code);
        Assert.Contains("build-base", e.Diagnostics[0].Hint, StringComparison.Ordinal);
    }
}

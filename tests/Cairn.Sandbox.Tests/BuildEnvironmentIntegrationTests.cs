using Cairn.Bases;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Processes;
using Cairn.TestKit;
using Cairn.Wheelhouse;

namespace Cairn.Sandbox.Tests;

/// <summary>Real bases (mmdebstrap) and real sandboxes (bubblewrap); the first run on a machine makes the bases (~40 s each).</summary>
[Collection(RealBasesCollection.Name)]
public class BuildEnvironmentIntegrationTests(RealBases bases)
{
    private static async Task<(int Exit, string Output)> RunAsync(IBuildEnvironment environment, string workingDirectory, params string[] argv)
    {
        var output = new List<string>();
        var result = await environment.RunAsync(new SandboxCommand(argv, workingDirectory) { OnOutput = output.Add }, CancellationToken.None);
        return (result.ExitCode, string.Join('\n', output));
    }

    [ToolTheory("mmdebstrap", "bwrap")]
    [InlineData("ubuntu@22.04", "22.04")]
    [InlineData("ubuntu@24.04", "24.04")]
    public async Task Each_base_runs_commands_that_see_its_own_os_release(string name, string version)
    {
        using var work = new TempDirectory();
        var @base = BaseName.Parse(name);
        var environment = await bases.EnvironmentAsync(@base, @base, work.Path);
        var (exit, output) = await RunAsync(environment, work.Path, "cat", "/etc/os-release");
        Assert.Equal(0, exit);
        Assert.Contains($"VERSION_ID=\"{version}\"", output, StringComparison.Ordinal);

        var cached = await bases.Store.GetAsync(new BaseRequest(@base), CancellationToken.None);
        Assert.True(new FileInfo(cached.TarPath).Length > 50_000_000);
        Assert.True(File.Exists(Path.Combine(cached.RootPath, "etc", "os-release")));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task A_second_base_request_is_served_from_the_cache_without_any_process()
    {
        await bases.Store.GetAsync(new BaseRequest(RealBases.Noble), CancellationToken.None);
        var counting = new CountingRunner(bases.Host.Runner);
        var store = new BaseStore(bases.Host with { Runner = counting });
        var cached = await store.GetAsync(new BaseRequest(RealBases.Noble), CancellationToken.None);
        Assert.Equal(0, counting.Count);
        Assert.NotNull(CacheEntries.ReadManifest(cached.Directory));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task The_work_directory_is_writable_and_the_root_is_not()
    {
        using var work = new TempDirectory();
        var environment = await bases.EnvironmentAsync(RealBases.Noble, RealBases.Noble, work.Path);
        var (exit, _) = await RunAsync(environment, work.Path, "sh", "-c", "echo built > out.txt");
        Assert.Equal(0, exit);
        Assert.Equal("built\n", File.ReadAllText(work.Combine("out.txt")));
        var (denied, _) = await RunAsync(environment, work.Path, "sh", "-c", "touch /usr/cairn-must-not-exist");
        Assert.NotEqual(0, denied);
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_packages_are_installed_with_apt()
    {
        using var work = new TempDirectory();
        var environment = await bases.EnvironmentAsync(RealBases.Noble, RealBases.Noble, work.Path, ["python3-venv"]);
        var (exit, output) = await RunAsync(environment, work.Path, "dpkg-query", "-W", "-f=${Status}", "python3-venv");
        Assert.Equal(0, exit);
        Assert.Equal("install ok installed", output);
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Stage_packages_on_ubuntu_bring_what_the_base_lacks()
    {
        using var work = new TempDirectory();
        var environment = await bases.EnvironmentAsync(RealBases.Noble, RealBases.Noble, work.Path);
        var install = work.Combine("parts", "db", "install");
        var staged = await environment.StagePackagesAsync(["libpq5"], install, CancellationToken.None);
        Assert.Contains(staged, p => p.Name == "libpq5");
        Assert.DoesNotContain(staged, p => p.Name == "libc6");
        Assert.True(File.Exists(Path.Combine(install, "usr", "lib", "x86_64-linux-gnu", "libpq.so.5")));
        // Unpacked without maintainer scripts: no dpkg database in the part.
        Assert.False(Directory.Exists(Path.Combine(install, "var", "lib", "dpkg")));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Stage_packages_on_bare_bring_the_whole_closure()
    {
        using var work = new TempDirectory();
        var environment = await bases.EnvironmentAsync(BaseName.Bare, RealBases.Noble, work.Path);
        var install = work.Combine("install");
        var staged = await environment.StagePackagesAsync(["libpq5_libs", "python3.12", "bash_bins"], install, CancellationToken.None);
        Assert.Contains(staged, p => p.Name == "libc6");
        // base-files comes with bash; its merged-/usr links do not (bare's own base layer has them).
        Assert.Contains(staged, p => p.Name == "base-files");
        Assert.All(Cairn.Sandbox.Bases.MergedUsr.Directories, d => Assert.Null(new FileInfo(Path.Combine(install, d)).LinkTarget));
        Assert.Contains(staged, p => p.Name == "libpq5");
        Assert.True(File.Exists(Path.Combine(install, "usr", "bin", "python3.12")));
        Assert.True(File.Exists(Path.Combine(install, "usr", "lib", "x86_64-linux-gnu", "libpq.so.5")));
        Assert.Contains(bases.Warnings, w => w.Contains("libpq5_libs -> libpq5", StringComparison.Ordinal));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Stage_packages_on_bare_cut_the_slices_a_chisel_release_defines_from_the_real_packages()
    {
        using var work = new TempDirectory();
        work.Write("release/chisel.yaml", "format: v1\n");
        work.Write("release/slices/libpq5.yaml", """
            package: libpq5
            slices:
              libs:
                essential:
                  - libssl3t64_libs
                contents:
                  /usr/lib/*-linux-*/libpq.so.5*:
            """);
        work.Write("release/slices/libssl3t64.yaml", """
            package: libssl3t64
            slices:
              libs:
                contents:
                  /usr/lib/*-linux-*/libssl.so.3:
                  /usr/lib/*-linux-*/libcrypto.so.3:
            """);
        var host = bases.Host with { ChiselRelease = work.Combine("release") };
        var environment = await new Cairn.Sandbox.Environments.BuildEnvironmentFactory(host).CreateAsync(
            new Cairn.Sandbox.Environments.BuildEnvironmentRequest(BaseName.Bare, RealBases.Noble, [], work.Path, new Dictionary<string, string>()), CancellationToken.None);
        var install = work.Combine("install");

        var staged = await environment.StagePackagesAsync(["libpq5_libs"], install, CancellationToken.None);

        // libpq5's Debian dependencies (libc6, krb5, ldap, ...) are not staged: only the slices it needs are.
        Assert.Equal(["libpq5", "libssl3t64"], staged.Select(p => p.Name));
        Assert.All(staged, p => Assert.True(p.Cut));
        Assert.All(staged, p => Assert.StartsWith($"Package: {p.Name}\n", p.Control, StringComparison.Ordinal));
        var files = FileTree.Scan(install).Where(e => e.Value != EntryKind.Directory).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("usr/lib/x86_64-linux-gnu/libssl.so.3", files);
        Assert.Equal(EntryKind.Symlink, FileTree.KindAt(Path.Combine(install, "usr/lib/x86_64-linux-gnu/libpq.so.5")));
        Assert.All(files, f => Assert.Matches(@"^usr/lib/x86_64-linux-gnu/lib(pq\.so\.5.*|ssl\.so\.3|crypto\.so\.3)$", f));
        Assert.False(Directory.Exists(Path.Combine(install, ".cairn-cut")));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task An_unknown_package_names_the_package_and_the_base()
    {
        using var work = new TempDirectory();
        var environment = await bases.EnvironmentAsync(RealBases.Noble, RealBases.Noble, work.Path);
        var e = await Assert.ThrowsAsync<Cairn.Diagnostics.CairnException>(() =>
            environment.StagePackagesAsync(["cairn-no-such-package"], work.Combine("install"), CancellationToken.None));
        Assert.Equal("CAIRN4005", e.Diagnostics[0].Code);
        Assert.Contains("'cairn-no-such-package'", e.Message, StringComparison.Ordinal);
        Assert.Contains("ubuntu@24.04", e.Message, StringComparison.Ordinal);

        var b = await Assert.ThrowsAsync<Cairn.Diagnostics.CairnException>(() =>
            bases.EnvironmentAsync(RealBases.Noble, RealBases.Noble, work.Path, ["cairn-no-such-build-package"]));
        Assert.Equal("CAIRN4005", b.Diagnostics[0].Code);
        Assert.Contains("'cairn-no-such-build-package'", b.Message, StringComparison.Ordinal);
    }

    [ToolFact("mmdebstrap")]
    public async Task An_unreachable_mirror_is_named_and_leaves_nothing_in_the_cache()
    {
        using var cache = new TempDirectory();
        var host = bases.Host with { Cache = new CacheLayout(cache.Path) };
        // Port 9 (discard) on loopback: refused at once, without leaving the machine.
        var e = await Assert.ThrowsAsync<Cairn.Diagnostics.CairnException>(() =>
            new BaseStore(host).GetAsync(new BaseRequest(RealBases.Noble, "http://127.0.0.1:9/ubuntu"), CancellationToken.None));
        Assert.Equal("CAIRN4004", e.Diagnostics[0].Code);
        Assert.Contains("http://127.0.0.1:9/ubuntu", e.Message, StringComparison.Ordinal);
        Assert.Contains("CAIRN_APT_MIRROR", e.Diagnostics[0].Hint, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.Cache.Bases));
    }

    [ToolFact("mmdebstrap", "bwrap", "cp")]
    public async Task A_mirror_that_became_unreachable_is_named_when_the_environment_fetches_its_lists()
    {
        // A base made from a mirror that is gone now: a copy of the real ubuntu@24.04 root whose apt sources name
        // port 9 (discard) on loopback, refused at once without leaving the machine.
        const string mirror = "http://127.0.0.1:9/ubuntu";
        var real = await bases.Store.GetAsync(new BaseRequest(RealBases.Noble), CancellationToken.None);
        using var cache = new TempDirectory();
        var host = bases.Host with { Cache = new CacheLayout(cache.Path) };
        var request = new BaseRequest(RealBases.Noble, mirror);
        var inputs = new BaseStore(host).InputsOf(request);
        await CacheEntries.CreateAsync(host.Cache.Bases, $"ubuntu-24.04-{CacheEntries.KeyOf(inputs)}", "base", "ubuntu@24.04", inputs, async (temp, ct) =>
        {
            var rootfs = Path.Combine(temp, "rootfs");
            await host.Runner.RunCheckedAsync(new ProcessRequest([Tools.Require("cp"), "-a", "--reflink=auto", real.RootPath, rootfs]), "link the base", ct);
            var sources = Path.Combine(rootfs, "etc", "apt", "sources.list");
            await File.WriteAllTextAsync(sources, $"deb [signed-by=/usr/share/keyrings/ubuntu-archive-keyring.gpg] {mirror} noble main universe\n", ct);
        }, TimeProvider.System, CancellationToken.None);

        using var work = new TempDirectory();
        var e = await Assert.ThrowsAsync<Cairn.Diagnostics.CairnException>(() => new Cairn.Sandbox.Environments.BuildEnvironmentFactory(host).CreateAsync(
            new Cairn.Sandbox.Environments.BuildEnvironmentRequest(RealBases.Noble, RealBases.Noble, [], work.Path, new Dictionary<string, string>()) { Mirror = mirror },
            CancellationToken.None));
        Assert.Equal("CAIRN4007", e.Diagnostics[0].Code);
        Assert.Contains($"the apt mirror {mirror} cannot be reached", e.Message, StringComparison.Ordinal);
        Assert.Contains("CAIRN_APT_MIRROR", e.Diagnostics[0].Hint, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.Cache.Environments));
    }

    [ToolFact("mmdebstrap")]
    public async Task An_interrupted_base_creation_leaves_nothing_a_later_run_trusts()
    {
        using var cache = new TempDirectory();
        var host = bases.Host with { Cache = new CacheLayout(cache.Path) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new BaseStore(host).GetAsync(new BaseRequest(RealBases.Jammy), cancel.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.Cache.Bases));
    }

}

/// <summary>Reproducibility costs two cold bases, so it has a class of its own (it runs beside the shared ones).</summary>
public class BaseReproducibilityTests
{
    [ToolFact("mmdebstrap")]
    public async Task The_same_inputs_and_epoch_give_the_same_tar_digest()
    {
        var digests = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var cache = new TempDirectory();
            var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable) with { Cache = new CacheLayout(cache.Path) };
            var cached = await new BaseStore(host).GetAsync(new BaseRequest(RealBases.Jammy, null, 1_700_000_000), CancellationToken.None);
            await using var tar = File.OpenRead(cached.TarPath);
            digests.Add(Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(tar)));
        }

        Assert.Equal(digests[0], digests[1]);
    }
}

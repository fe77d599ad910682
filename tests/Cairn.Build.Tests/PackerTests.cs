using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.TestKit;

namespace Cairn.Build.Tests;

/// <summary>
/// The pack pipeline end to end without a sandbox or a base: a <c>bare</c> project of one dump part, built on the
/// host (destructive mode), with stand-ins for cairn's daemons. What it shows: the rock is named as Rockcraft
/// names it, equal inputs give the same manifest digest, and an edit moves only the layer its part is in.
/// </summary>
public sealed class PackerTests : IDisposable
{
    private readonly OneFileProject _one = new("packer-test", DebianArchitecture.Host);
    private readonly TempDirectory _home;
    private readonly string _project;
    private readonly Packer _packer;

    public PackerTests()
    {
        _home = _one.Home;
        _project = _one.Directory;
        var sandbox = SandboxHost.FromEnvironment(_one.Variables.GetValueOrDefault);
        _packer = new Packer(new BuildHost(sandbox, _one.Variables, new Payload(_one.Payload)));
    }

    public void Dispose() => _one.Dispose();

    private Task<PackResult> PackAsync(string output) =>
        _packer.PackAsync(new BuildOptions(_project) { DestructiveMode = true }, _home.Combine(output), PackFormat.Archive, CancellationToken.None);

    [Fact]
    public async Task Equal_inputs_pack_to_the_same_digest_and_an_edit_moves_only_its_layer()
    {
        var first = await PackAsync("one");
        Assert.Equal($"packer-test_1.0_{DebianArchitecture.Host}.rock", Path.GetFileName(first.OutputPath));
        Assert.True(File.Exists(first.OutputPath));
        Assert.Equal(["base", "packages", "rock"], first.Layers.Select(l => l.Purpose));
        // The rock's entrypoint must stay executable on its way through provided/, the parts and prime.
        var pebble = Assert.Single(Directory.GetFiles(_home.Combine("cache"), "pebble", SearchOption.AllDirectories), p => p.Contains("/prime/", StringComparison.Ordinal));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(pebble) & (UnixFileMode)0b111_111_111);

        var again = await PackAsync("two");
        Assert.Equal(first.ManifestDigest, again.ManifestDigest);
        Assert.Equal(File.ReadAllBytes(first.OutputPath), File.ReadAllBytes(again.OutputPath));

        _home.Write("project/files/etc/greeting", "hello again\n");
        var edited = await PackAsync("three");
        Assert.NotEqual(first.ManifestDigest, edited.ManifestDigest);
        var changed = first.Layers.Zip(edited.Layers).Where(p => p.First.Digest != p.Second.Digest).Select(p => p.First.Purpose);
        Assert.Equal(["packages"], changed);
    }

    [Fact]
    public async Task A_project_without_a_platform_for_this_machine_is_refused_before_anything_is_built()
    {
        var yaml = Path.Combine(_project, "rockcraft.yaml");
        var other = DebianArchitecture.Host == "amd64" ? "arm64" : "amd64";
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace($"    {DebianArchitecture.Host}:", $"    {other}:", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<Cairn.Diagnostics.CairnException>(() => PackAsync("out"));
        Assert.Contains($"no platform in rockcraft.yaml builds on and for {DebianArchitecture.Host}", error.Message);
        Assert.False(Directory.Exists(_home.Combine("out")));
        Assert.False(Directory.Exists(_home.Combine("cache/cairn/projects")) && Directory.EnumerateDirectories(_home.Combine("cache/cairn/projects"), "prime", SearchOption.AllDirectories).Any(),
            "the refused pack primed");
    }
}

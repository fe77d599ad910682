using System.Formats.Tar;
using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;
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
    private readonly SandboxHost _sandbox;

    public PackerTests()
    {
        _home = _one.Home;
        _project = _one.Directory;
        _sandbox = SandboxHost.FromEnvironment(_one.Variables.GetValueOrDefault);
        _packer = new Packer(new BuildHost(_sandbox, _one.Variables, new Payload(_one.Payload)));
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
    public async Task The_bill_of_materials_is_beside_the_rock_and_in_its_rock_layer_the_same_on_every_pack()
    {
        _home.Write("project/files/lib/python3.12/site-packages/tiny-1.2.dist-info/METADATA", "Metadata-Version: 2.1\nName: tiny\nVersion: 1.2\nLicense: MIT\n");
        var first = await PackAsync("one");
        Assert.Equal(Path.ChangeExtension(first.OutputPath, null) + ".spdx.json", first.SbomPath);
        var beside = File.ReadAllText(first.SbomPath!);
        Assert.Contains("\"referenceLocator\": \"pkg:pypi/tiny@1.2\"", beside, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"packer-test\"", beside, StringComparison.Ordinal);

        var rockLayer = first.Layers.Single(l => l.Purpose == "rock").Digest;
        Assert.Equal(beside, ReadFromLayer(first.OutputPath, rockLayer, ".rock/sbom.spdx.json"));

        var again = await PackAsync("two");
        Assert.Equal(beside, File.ReadAllText(again.SbomPath!));
        Assert.Equal(first.ManifestDigest, again.ManifestDigest);
    }

    /// <summary>A file of one gzip layer of an OCI archive, read with the BCL's tar reader.</summary>
    private static string ReadFromLayer(string rock, Cairn.Oci.Digest layer, string path)
    {
        using var archive = new System.Formats.Tar.TarReader(File.OpenRead(rock));
        while (archive.GetNextEntry() is { } blob)
        {
            if (blob.Name != $"blobs/sha256/{layer.Hex}") continue;
            using var gzip = new System.IO.Compression.GZipStream(blob.DataStream!, System.IO.Compression.CompressionMode.Decompress);
            using var tar = new System.Formats.Tar.TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name != path && entry.Name != "./" + path) continue;
                using var reader = new StreamReader(entry.DataStream!);
                return reader.ReadToEnd();
            }
        }

        throw new InvalidOperationException($"{path} is not in layer {layer}");
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

    // A base's tar is imported into its cache entry once: the second project on it links that blob, and its own
    // layer cache holds no import of its own.
    [Fact]
    public async Task Projects_on_one_base_share_its_imported_layer()
    {
        await FakeBaseAsync(BaseName.Parse("ubuntu@24.04"));
        var yaml = Path.Combine(_project, "rockcraft.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("base: bare\n", "base: ubuntu@24.04\n", StringComparison.Ordinal));
        var other = _home.Combine("other");
        FileTree.CopyTree(_project, other, link: false);

        var first = await PackAsync("one");
        var second = await _packer.PackAsync(new BuildOptions(other) { DestructiveMode = true }, _home.Combine("two"), PackFormat.Archive, CancellationToken.None);

        var baseLayer = Assert.Single(first.Layers, l => l.Purpose == "base").Digest;
        Assert.Equal(baseLayer, Assert.Single(second.Layers, l => l.Purpose == "base").Digest);
        var cache = new CacheLayout(_home.Combine("cache/cairn"));
        var shared = Path.Combine(Assert.Single(Directory.GetDirectories(cache.Bases)), "oci");
        Assert.Single(Directory.GetFiles(Path.Combine(shared, "cache"), "base-*.json"));
        var projects = Directory.GetDirectories(cache.Projects);
        Assert.Equal(2, projects.Length);
        foreach (var work in projects)
        {
            Assert.Empty(Directory.GetFiles(Path.Combine(work, "oci", "cache"), "base-*.json"));
            Assert.Equal(File.ReadAllBytes(Path.Combine(shared, "blobs", "sha256", baseLayer.Hex)), File.ReadAllBytes(Path.Combine(work, "oci", "blobs", "sha256", baseLayer.Hex)));
        }
    }

    // A base entry as BaseStore finds it, without mmdebstrap: a tar of a few files and its extracted root.
    private async Task FakeBaseAsync(BaseName name)
    {
        var store = new BaseStore(_sandbox);
        var inputs = store.InputsOf(new BaseRequest(name, null, 1700000000));
        await CacheEntries.CreateAsync(_sandbox.Cache.Bases, $"{name.Name.Replace('@', '-')}-{CacheEntries.KeyOf(inputs)}", "base", name.Name, inputs, (temp, _) =>
        {
            var rootfs = Directory.CreateDirectory(Path.Combine(temp, "rootfs", "etc")).Parent!.FullName;
            File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            File.WriteAllText(Path.Combine(rootfs, "etc", "group"), "root:x:0:\n");
            using var tar = new TarWriter(File.Create(Path.Combine(temp, "base.tar")), TarEntryFormat.Gnu, leaveOpen: false);
            tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, "./etc/"));
            foreach (var file in new[] { "passwd", "group" })
                tar.WriteEntry(Path.Combine(rootfs, "etc", file), $"./etc/{file}");
            return Task.CompletedTask;
        }, TimeProvider.System, CancellationToken.None);
    }
}

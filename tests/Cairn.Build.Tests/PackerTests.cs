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
    private readonly TempDirectory _home = new("cairn-packer");
    private readonly string _project;
    private readonly Packer _packer;

    public PackerTests()
    {
        _project = _home.Combine("project");
        _home.Write("project/rockcraft.yaml", $"""
            name: packer-test
            version: "1.0"
            summary: a rock of one file
            description: the pack pipeline's unit test.
            base: bare
            build-base: ubuntu@24.04
            platforms:
                {DebianArchitecture.Host}:
            parts:
                files:
                    plugin: dump
                    source: files
            """);
        _home.Write("project/files/etc/greeting", "hello\n");
        foreach (var daemon in new[] { "pebble", "statsd_exporter" })
            File.SetUnixFileMode(_home.Write($"payload/{daemon}", $"#!/bin/sh\necho {daemon} stand-in\n"), (UnixFileMode)0b111_101_101);
        var variables = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = _home.Path,
            ["XDG_CACHE_HOME"] = _home.Combine("cache"),
            ["SOURCE_DATE_EPOCH"] = "1700000000",
        };
        var sandbox = SandboxHost.FromEnvironment(variables.GetValueOrDefault);
        _packer = new Packer(new BuildHost(sandbox, variables, new Payload(_home.Combine("payload"))));
    }

    public void Dispose() => _home.Dispose();

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
}

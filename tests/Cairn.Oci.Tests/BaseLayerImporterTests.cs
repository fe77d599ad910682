using System.Formats.Tar;
using System.IO.Compression;
using Cairn.Diagnostics;
using Cairn.Oci.Layers;
using Cairn.Oci.Storage;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

public sealed class BaseLayerImporterTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private static readonly DateTimeOffset Old = DateTimeOffset.FromUnixTimeSeconds(1600000000);
    private static readonly DateTimeOffset Future = DateTimeOffset.FromUnixTimeSeconds(1800000000);
    private const UnixFileMode Rwxr_xr_x = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Rw_r__r__ = (UnixFileMode)0b110_100_100;

    /// <summary>A tar shaped like mmdebstrap's: "./" names, a root entry, PAX headers (the BCL's, pid-named), a device node, usr-merge links.</summary>
    internal static string WriteBaseTar(string path)
    {
        using (var file = File.Create(path))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            void Dir(string name) => writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = Rwxr_xr_x, ModificationTime = Old });
            void Link(string name, string target) => writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111, ModificationTime = Old });
            void File(string name, string text, UnixFileMode mode, DateTimeOffset mtime) => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                Mode = mode, ModificationTime = mtime, DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
            });

            Dir("./");
            Link("./bin", "usr/bin");
            Dir("./dev/");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.CharacterDevice, "./dev/null") { DeviceMajor = 1, DeviceMinor = 3, Mode = (UnixFileMode)0b110_110_110, ModificationTime = Old });
            Dir("./etc/");
            Link("./etc/os-release", "../usr/lib/os-release");
            File("./etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", Rw_r__r__, Future);
            Link("./lib", "usr/lib");
            Link("./sbin", "/usr/sbin");
            Dir("./usr/");
            Dir("./usr/bin/");
            File("./usr/bin/python3", "not really python\n", Rwxr_xr_x, Old);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "./usr/bin/python3.12") { LinkName = "./usr/bin/python3", Mode = Rwxr_xr_x, ModificationTime = Old });
            Dir("./usr/lib/");
            File("./usr/lib/os-release", "NAME=Ubuntu\n", Rw_r__r__, Old);
            Dir("./usr/sbin/");
        }

        return path;
    }

    private static BaseLayerImporter Importer(BlobStore store) => new(store, new LayerWriterOptions { ModificationTime = Epoch });

    [Fact]
    public async Task ImportAsync_MmdebstrapLikeTar_IsNormalisedAsTheGoldenListing()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var result = await Importer(store).ImportAsync(WriteBaseTar(temp.Combine("base.tar")));

        var listing = TarListing.OfGzipFile(store.PathOf(result.Layer.Digest));
        Golden.Assert("tests/Cairn.Oci.Tests/Golden/base-layer.expected",
            $"digest {result.Layer.Digest}\ndiff_id {result.Layer.DiffId}\nomitted {string.Join(' ', result.Omitted)}\n{listing}");
        Assert.Equal(["dev/null"], result.Omitted);
    }

    [Fact]
    public async Task ImportAsync_SameTarTwiceAndGzipped_GivesTheSameLayer()
    {
        using var temp = new TempDirectory();
        var tar = WriteBaseTar(temp.Combine("base.tar"));
        var gz = temp.Combine("base.tar.gz");
        await using (var input = File.OpenRead(tar))
        await using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            await input.CopyToAsync(output);

        var a = await Importer(new BlobStore(temp.Combine("a"))).ImportAsync(tar);
        var b = await Importer(new BlobStore(temp.Combine("b"))).ImportAsync(tar);
        var c = await Importer(new BlobStore(temp.Combine("c"))).ImportAsync(gz);
        Assert.Equal(a.Layer, b.Layer);
        Assert.Equal(a.Layer, c.Layer);
    }

    [Fact]
    public async Task ImportAsync_Index_EqualsTarIndexRead()
    {
        using var temp = new TempDirectory();
        var tar = WriteBaseTar(temp.Combine("base.tar"));
        var imported = await Importer(new BlobStore(temp.Combine("store"))).ImportAsync(tar);
        var read = await TarIndex.ReadAsync(tar);

        Assert.Equal(read.Entries.OrderBy(e => e.Key), imported.Index.Entries.OrderBy(e => e.Key));
        var python = read.Entries["usr/bin/python3.12"];
        Assert.Equal(LayerEntryKind.Hardlink, python.Kind);
        Assert.Equal(read.Entries["usr/bin/python3"].ContentDigest, python.ContentDigest);
        Assert.Equal(Digest.Compute("not really python\n"u8), python.ContentDigest);
        Assert.False(read.Entries.ContainsKey("dev/null"));
        Assert.False(read.Entries.ContainsKey(""));
    }

    [Theory]
    [InlineData("bin/gunicorn", "usr/bin/gunicorn")]
    [InlineData("/bin/gunicorn", "usr/bin/gunicorn")]
    [InlineData("lib/python3.12/site-packages/flask/__init__.py", "usr/lib/python3.12/site-packages/flask/__init__.py")]
    [InlineData("sbin/x", "usr/sbin/x")]
    [InlineData("bin", "usr/bin")]
    [InlineData("usr/bin/gunicorn", "usr/bin/gunicorn")]
    [InlineData("flask/app/app.py", "flask/app/app.py")]
    [InlineData("etc/os-release", "etc/os-release")]
    [InlineData("binary/x", "binary/x")]
    public async Task Reroot_PathsUnderDirectorySymlinks_LandUnderTheirTargets(string path, string expected)
    {
        using var temp = new TempDirectory();
        var index = await TarIndex.ReadAsync(WriteBaseTar(temp.Combine("base.tar")));
        Assert.Equal(expected, index.Reroot(path));
    }

    [Fact]
    public async Task IsDirectoryLink_KnowsUsrMergeLinksFromFileLinks()
    {
        using var temp = new TempDirectory();
        var index = await TarIndex.ReadAsync(WriteBaseTar(temp.Combine("base.tar")));
        Assert.True(index.IsDirectoryLink("bin"));
        Assert.True(index.IsDirectoryLink("/sbin"));
        Assert.False(index.IsDirectoryLink("etc/os-release"));
        Assert.False(index.IsDirectoryLink("usr/bin"));
        Assert.False(index.IsDirectoryLink("missing"));
    }

    [Fact]
    public async Task Matches_OnlyAnIdenticalFile()
    {
        using var temp = new TempDirectory();
        var index = await TarIndex.ReadAsync(WriteBaseTar(temp.Combine("base.tar")));
        var same = LayerContent.FromText("NAME=Ubuntu\n");

        Assert.True(index.Matches(LayerEntry.File("usr/lib/os-release", same)));
        Assert.False(index.Matches(LayerEntry.File("usr/lib/os-release", same, 0b111_101_101)));
        Assert.False(index.Matches(LayerEntry.File("usr/lib/os-release", same, owner: new FileOwner(584792, 584792))));
        Assert.False(index.Matches(LayerEntry.File("usr/lib/os-release", LayerContent.FromText("NAME=Debian\n"))));
        Assert.False(index.Matches(LayerEntry.File("usr/lib/os-release", LayerContent.FromText("NAME=Ubuntu!\n"))));
        Assert.False(index.Matches(LayerEntry.File("usr/lib/other", same)));
        Assert.True(index.Matches(LayerEntry.Directory("usr/bin")));
        Assert.True(index.Matches(LayerEntry.Symlink("bin", "usr/bin")));
        Assert.False(index.Matches(LayerEntry.Symlink("bin", "/usr/bin")));
    }

    [Fact]
    public async Task ImportAsync_NotATar_IsCairn5007AndLeavesNoBlob()
    {
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.tar", new string('x', 2000));
        var store = new BlobStore(temp.Combine("store"));
        var e = await Assert.ThrowsAsync<CairnException>(() => Importer(store).ImportAsync(bad));

        Assert.Equal("CAIRN5007", e.Diagnostics[0].Code);
        Assert.Empty(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SaveAsync_ThenTryLoad_GivesTheSameResult_UntilTheBlobIsGone()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var result = await Importer(store).ImportAsync(WriteBaseTar(temp.Combine("base.tar")));
        var saved = temp.Combine("base.json");
        await result.SaveAsync(saved);

        var loaded = BaseLayerResult.TryLoad(saved, store);
        Assert.NotNull(loaded);
        Assert.Equal(result.Layer, loaded.Layer);
        Assert.Equal(result.Omitted, loaded.Omitted);
        Assert.Equal(result.Index.Entries.OrderBy(e => e.Key), loaded.Index.Entries.OrderBy(e => e.Key));
        Assert.Equal("usr/bin/gunicorn", loaded.Index.Reroot("bin/gunicorn"));

        Assert.Null(BaseLayerResult.TryLoad(temp.Combine("missing.json"), store));
        Assert.Null(BaseLayerResult.TryLoad(temp.Write("broken.json", "{\"layer\":"), store));
        File.Delete(store.PathOf(result.Layer.Digest));
        Assert.Null(BaseLayerResult.TryLoad(saved, store));
    }
}

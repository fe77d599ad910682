using System.Text;
using Cairn.Diagnostics;
using Cairn.Oci.Images;
using Cairn.Oci.Json;
using Cairn.Oci.Layers;
using Cairn.Oci.Storage;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

public sealed class ImageBuilderTests
{
    [Fact]
    public async Task BuildAsync_SampleImage_ConfigManifestAndIndexMatchGolden()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var image = await SampleImage.BuildAsync(store);

        var text = new StringBuilder()
            .Append("manifest ").Append(image.Digest).Append('\n')
            .Append(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(store.PathOf(image.Manifest.Config.Digest)))).Append('\n')
            .Append(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(store.PathOf(image.Digest)))).Append('\n')
            .Append(Encoding.UTF8.GetString(OciJson.Serialize(image.Index))).Append('\n');
        Golden.Assert("tests/Cairn.Oci.Tests/Golden/sample-image.expected", text.ToString());
    }

    [Fact]
    public async Task BuildAsync_TwiceInDifferentStores_GivesTheSameManifestDigest()
    {
        using var temp = new TempDirectory();
        var a = await SampleImage.BuildAsync(new BlobStore(temp.Combine("a")));
        var b = await SampleImage.BuildAsync(new BlobStore(temp.Combine("b")));
        Assert.Equal(a.Digest, b.Digest);
    }

    [Fact]
    public async Task BuildAsync_AppByteChanged_ChangesExactlyOneLayerDigest()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var a = await SampleImage.BuildAsync(store, "print('hi')\n");
        var b = await SampleImage.BuildAsync(store, "print('ho')\n");

        var changed = a.Manifest.Layers.Zip(b.Manifest.Layers).Where(pair => pair.First.Digest != pair.Second.Digest).ToList();
        Assert.Single(changed);
        Assert.Equal(a.Manifest.Layers[1].Digest, changed[0].First.Digest);
        Assert.NotEqual(a.Digest, b.Digest);
    }

    [Fact]
    public async Task BuildAsync_StoredBlobs_AgreeWithTheDescriptors()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var image = await SampleImage.BuildAsync(store);

        foreach (var blob in image.Blobs)
        {
            var bytes = await File.ReadAllBytesAsync(store.PathOf(blob.Digest));
            Assert.Equal(blob.Digest, Digest.Compute(bytes));
            Assert.Equal(blob.Size, bytes.Length);
        }

        var config = OciJson.DeserializeConfig(await File.ReadAllBytesAsync(store.PathOf(image.Manifest.Config.Digest)));
        Assert.Equal(3, config.RootFs.DiffIds.Count);
        Assert.Equal(3, config.History.Count);
        Assert.All(config.History, h => Assert.Equal(SampleImage.Created, h.Created));
        Assert.Equal("1.0", image.ManifestDescriptor.Annotations![AnnotationKeys.RefName]);
    }

    [Fact]
    public async Task Configure_ReturnedLabels_ReplaceTheLabelsSetBefore()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var builder = new ImageBuilder(Platform.LinuxAmd64)
            .SetLabel("a", "1")
            .Configure(c => c with { Labels = new Dictionary<string, string> { ["b"] = "2" }, WorkingDir = "/w" })
            .SetLabel("c", "3");
        var image = await builder.BuildAsync(store, "latest");

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, image.Config.Config.Labels);
        Assert.Equal("/w", image.Config.Config.WorkingDir);
        Assert.Null(image.Config.Created);
    }

    [Fact]
    public async Task Configure_LabelsLeftAlone_AreKept()
    {
        using var temp = new TempDirectory();
        var builder = new ImageBuilder(Platform.LinuxAmd64)
            .SetLabel("a", "1")
            .Configure(c => c with { User = "584792" });
        var image = await builder.BuildAsync(new BlobStore(temp.Path), "latest");

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, image.Config.Config.Labels);
        Assert.Equal("584792", image.Config.Config.User);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData(".leading-dot")]
    [InlineData("has space")]
    [InlineData("has:colon")]
    public async Task BuildAsync_BadTag_IsCairn5005(string tag)
    {
        using var temp = new TempDirectory();
        var e = await Assert.ThrowsAsync<CairnException>(() => new ImageBuilder(Platform.LinuxAmd64).BuildAsync(new BlobStore(temp.Path), tag));
        Assert.Equal("CAIRN5005", e.Diagnostics[0].Code);
    }

    [Fact]
    public async Task BuildAsync_LayerMissingFromTheStore_IsAnInternalError()
    {
        using var temp = new TempDirectory();
        var other = new BlobStore(temp.Combine("other"));
        var layer = await new LayerWriter(other).WriteAsync([LayerEntry.Directory("x")]);
        var builder = new ImageBuilder(Platform.LinuxAmd64).AddLayer(layer);
        await Assert.ThrowsAsync<InvalidOperationException>(() => builder.BuildAsync(new BlobStore(temp.Combine("store")), "1"));
    }
}

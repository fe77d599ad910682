using Cairn.Diagnostics;
using Cairn.Oci.Json;
using Cairn.Oci.Sinks;
using Cairn.Oci.Storage;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

public sealed class SinkTests
{
    [Fact]
    public async Task OciArchiveSink_ListingMatchesGoldenAndNoTempFileIsLeft()
    {
        using var temp = new TempDirectory();
        var image = await SampleImage.BuildAsync(new BlobStore(temp.Combine("store")));
        var output = temp.Combine("out", "hello_1.0_amd64.rock");
        Directory.CreateDirectory(temp.Combine("out"));
        await new OciArchiveSink(output).WriteAsync(image);

        Golden.Assert("tests/Cairn.Oci.Tests/Golden/sample-archive.expected", TarListing.OfFile(output));
        Assert.Equal(["hello_1.0_amd64.rock"], Directory.EnumerateFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task OciArchiveSink_TwoBuildsInDifferentDirectories_GiveIdenticalBytes()
    {
        using var temp = new TempDirectory();
        var a = temp.Combine("a.rock");
        var b = temp.Combine("b.rock");
        await new OciArchiveSink(a).WriteAsync(await SampleImage.BuildAsync(new BlobStore(temp.Combine("store-a"))));
        await new OciArchiveSink(b).WriteAsync(await SampleImage.BuildAsync(new BlobStore(temp.Combine("store-b"))));
        Assert.Equal(await File.ReadAllBytesAsync(a), await File.ReadAllBytesAsync(b));
    }

    [Fact]
    public async Task OciArchiveSink_FailedWrite_KeepsThePreviousFileAndLeavesNoPartialFile()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var image = await SampleImage.BuildAsync(store);
        var output = temp.Combine("out", "x.rock");
        Directory.CreateDirectory(temp.Combine("out"));
        await File.WriteAllTextAsync(output, "previous");

        File.Delete(store.PathOf(image.Manifest.Layers[1].Digest));
        var e = await Assert.ThrowsAsync<CairnException>(() => new OciArchiveSink(output).WriteAsync(image));

        Assert.Equal("CAIRN5008", e.Diagnostics[0].Code);
        Assert.Equal("previous", await File.ReadAllTextAsync(output));
        Assert.Single(Directory.EnumerateFileSystemEntries(temp.Combine("out")));
    }

    [Fact]
    public async Task OciArchiveSink_Cancelled_WritesNothing()
    {
        using var temp = new TempDirectory();
        var image = await SampleImage.BuildAsync(new BlobStore(temp.Combine("store")));
        Directory.CreateDirectory(temp.Combine("out"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new OciArchiveSink(temp.Combine("out", "x.rock")).WriteAsync(image, new CancellationToken(canceled: true)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Combine("out")));
    }

    [Fact]
    public async Task OciArchiveSink_MissingDirectory_IsCairn5008()
    {
        using var temp = new TempDirectory();
        var image = await SampleImage.BuildAsync(new BlobStore(temp.Combine("store")));
        var e = await Assert.ThrowsAsync<CairnException>(() => new OciArchiveSink(temp.Combine("missing", "x.rock")).WriteAsync(image));
        Assert.Equal("CAIRN5008", e.Diagnostics[0].Code);
    }

    [Fact]
    public async Task OciLayoutSink_SecondTagIsAddedAndTheSameTagReplaced()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var layout = new OciLayoutSink(temp.Combine("layout"));
        var first = await SampleImage.BuildAsync(store, "print(1)\n", "1.0");
        var second = await SampleImage.BuildAsync(store, "print(2)\n", "2.0");
        var replaced = await SampleImage.BuildAsync(store, "print(3)\n", "1.0");
        await layout.WriteAsync(first);
        await layout.WriteAsync(second);
        await layout.WriteAsync(replaced);

        var index = OciJson.DeserializeIndex(await File.ReadAllBytesAsync(temp.Combine("layout", "index.json")));
        Assert.Equal(
            new[] { ("2.0", second.Digest), ("1.0", replaced.Digest) },
            index.Manifests.Select(m => (m.Annotations![AnnotationKeys.RefName], m.Digest)));
        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", await File.ReadAllTextAsync(temp.Combine("layout", "oci-layout")));
        foreach (var blob in replaced.Blobs)
            Assert.Equal(blob.Digest, Digest.Compute(await File.ReadAllBytesAsync(temp.Combine("layout", "blobs", "sha256", blob.Digest.Hex))));
        Assert.Equal(["blobs", "index.json", "oci-layout"], Directory.EnumerateFileSystemEntries(temp.Combine("layout")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task OciLayoutSink_BrokenIndex_IsCairn5010()
    {
        using var temp = new TempDirectory();
        var image = await SampleImage.BuildAsync(new BlobStore(temp.Combine("store")));
        temp.Write("layout/index.json", "{not json");
        var e = await Assert.ThrowsAsync<CairnException>(() => new OciLayoutSink(temp.Combine("layout")).WriteAsync(image));
        Assert.Equal("CAIRN5010", e.Diagnostics[0].Code);
    }
}

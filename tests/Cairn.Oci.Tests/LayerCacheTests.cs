using Cairn.Oci.Layers;
using Cairn.Oci.Storage;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

public class LayerCacheTests
{
    private static readonly LayerWriterOptions Options = new() { ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };

    [Fact]
    public async Task GetOrWrite_FileRewrittenInPlace_SameSizeAndMtime_WritesTheLayerAgain()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("app.py", "print('hi')\n");
        var store = new BlobStore(temp.Combine("store"));
        LayerEntry[] entries = [LayerEntry.File("flask/app/app.py", LayerContent.FromFile(file))];
        var first = await new LayerCache(store, Options).GetOrWriteAsync(entries, CancellationToken.None);
        var mtime = File.GetLastWriteTimeUtc(file);
        WaitForTheNextFileTime(temp, file);

        File.WriteAllText(file, "print('ho')\n"); // same length
        File.SetLastWriteTimeUtc(file, mtime); // and the old mtime: only the change time tells
        var second = await new LayerCache(store, Options).GetOrWriteAsync(entries, CancellationToken.None);

        Assert.NotEqual(first.Digest, second.Digest);
    }

    [Fact]
    public async Task GetOrWrite_SameEntries_ReusesTheRecordedLayer()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("app.py", "print('hi')\n");
        var store = new BlobStore(temp.Combine("store"));
        var cache = new LayerCache(store, Options);
        LayerEntry[] entries = [LayerEntry.File("flask/app/app.py", LayerContent.FromFile(file), 0b110_100_100, new FileOwner(584792, 584792))];

        var first = await cache.GetOrWriteAsync(entries, CancellationToken.None);
        var blob = store.PathOf(first.Digest);
        File.SetLastWriteTimeUtc(blob, DateTime.UnixEpoch);
        var second = await new LayerCache(store, Options).GetOrWriteAsync(entries, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(blob)); // not written again
    }

    [Fact]
    public async Task GetOrWrite_ChangedByte_WritesANewLayer()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("app.py", "print('hi')\n");
        var cache = new LayerCache(new BlobStore(temp.Combine("store")), Options);
        LayerEntry[] entries = [LayerEntry.File("app.py", LayerContent.FromFile(file))];

        var before = await cache.GetOrWriteAsync(entries, CancellationToken.None);
        WaitForTheNextFileTime(temp, file);
        File.WriteAllText(file, "print('ho')\n");
        var after = await cache.GetOrWriteAsync(entries, CancellationToken.None);

        Assert.NotEqual(before.Digest, after.Digest);
    }

    /// <summary>
    /// Waits until a file written now gets a later time than <paramref name="file"/> has. The kernel stamps files from a
    /// coarse clock (a tick of 1 to 10 ms, where it has no fine-grained timestamps): a rewrite within the same tick keeps
    /// the mtime and the ctime, so no fingerprint could tell, and a fast machine would fail the test. An edit by a person
    /// is never that quick.
    /// </summary>
    private static void WaitForTheNextFileTime(TempDirectory temp, string file)
    {
        var stamped = File.GetLastWriteTimeUtc(file);
        var probe = temp.Combine("clock-probe");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            File.WriteAllText(probe, "");
            if (File.GetLastWriteTimeUtc(probe) > stamped)
                return;
            Thread.Sleep(1);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException("the file system's clock did not move on");
    }

    [Fact]
    public async Task GetOrWrite_BlobGoneFromStore_WritesItAgain()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var cache = new LayerCache(store, Options);
        LayerEntry[] entries = [LayerEntry.File("a", LayerContent.FromText("a"))];
        var layer = await cache.GetOrWriteAsync(entries, CancellationToken.None);
        File.Delete(store.PathOf(layer.Digest));

        var again = await cache.GetOrWriteAsync(entries, CancellationToken.None);

        Assert.Equal(layer, again);
        Assert.True(store.Contains(again.Digest));
    }

    [Fact]
    public async Task GetOrImportBase_SecondTime_GivesTheSameLayerAndIndexFromTheRecord()
    {
        using var temp = new TempDirectory();
        var rootfs = temp.Combine("rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "usr", "bin"));
        File.WriteAllText(Path.Combine(rootfs, "usr", "bin", "tool"), "#!/bin/sh\n");
        File.CreateSymbolicLink(Path.Combine(rootfs, "bin"), "usr/bin");
        var tar = temp.Combine("base.tar");
        System.Formats.Tar.TarFile.CreateFromDirectory(rootfs, tar, includeBaseDirectory: false);
        var store = new BlobStore(temp.Combine("store"));

        var imported = await new LayerCache(store, Options).GetOrImportBaseAsync(tar, "key-1", CancellationToken.None);
        File.Delete(tar); // a hit must not read the tar
        var cached = await new LayerCache(store, Options).GetOrImportBaseAsync(tar, "key-1", CancellationToken.None);

        Assert.Equal(imported.Layer, cached.Layer);
        Assert.Equal("usr/bin/tool", cached.Index.Reroot("bin/tool"));
        Assert.True(cached.Index.TryGet("usr/bin/tool", out var tool));
        Assert.Equal(imported.Index.Entries["usr/bin/tool"], tool);
    }

    [Fact]
    public async Task GetOrImportBase_RecordOfAnotherShape_IsImportedAgainNotACrash()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("rootfs", "etc"));
        File.WriteAllText(temp.Combine("rootfs", "etc", "os-release"), "ID=test\n");
        var tar = temp.Combine("base.tar");
        System.Formats.Tar.TarFile.CreateFromDirectory(temp.Combine("rootfs"), tar, includeBaseDirectory: false);
        var store = new BlobStore(temp.Combine("store"));
        var imported = await new LayerCache(store, Options).GetOrImportBaseAsync(tar, "key-1", CancellationToken.None);
        foreach (var record in Directory.GetFiles(Path.Combine(store.Root, "cache")))
            File.WriteAllText(record, "{\"Layer\":{\"descriptor\":null}}");

        var again = await new LayerCache(store, Options).GetOrImportBaseAsync(tar, "key-1", CancellationToken.None);

        Assert.Equal(imported.Layer, again.Layer);
    }
}

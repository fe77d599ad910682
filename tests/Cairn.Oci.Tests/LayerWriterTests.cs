using System.Formats.Tar;
using Cairn.Diagnostics;
using Cairn.Oci.Layers;
using Cairn.Oci.Storage;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

public sealed class LayerWriterTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private static readonly FileOwner Daemon = new(584792, 584792, "_daemon_", "_daemon_");

    private static List<LayerEntry> SampleEntries(string hostDir) =>
    [
        LayerEntry.File("/flask/app/app.py", LayerContent.FromFile(Path.Combine(hostDir, "app.py")), 0b110_100_100, Daemon),
        LayerEntry.File("flask/app/static/js/test.js", LayerContent.FromFile(Path.Combine(hostDir, "test.js")), 0b110_100_100, Daemon),
        LayerEntry.Directory("flask", 0b111_101_101, Daemon),
        LayerEntry.Directory("flask/app", 0b111_101_101, Daemon),
        LayerEntry.File("usr/bin/tool", LayerContent.FromText("#!/bin/sh\necho hi\n"), 0b111_101_101),
        LayerEntry.Symlink("usr/bin/tool-link", "tool"),
        LayerEntry.Hardlink("usr/bin/a-hardlink", "usr/bin/tool"),
        LayerEntry.File("./var/lib/pebble/default/layers/001-rockcraft-hello.yaml", LayerContent.FromText("summary: hi\n"), 0b111_111_111),
        LayerEntry.File("a-b", LayerContent.FromBytes(new byte[1000])),
    ];

    private static string MakeHostFiles(TempDirectory temp, string name, DateTime mtime, UnixFileMode mode, string appSource = "print('hi')\n")
    {
        var dir = temp.Combine(name);
        Directory.CreateDirectory(dir);
        foreach (var (file, text) in new[] { ("app.py", appSource), ("test.js", "console.log(1);\n") })
        {
            var path = Path.Combine(dir, file);
            File.WriteAllText(path, text);
            File.SetUnixFileMode(path, mode);
            File.SetLastWriteTimeUtc(path, mtime);
        }

        return dir;
    }

    private static LayerWriter Writer(BlobStore store) => new(store, new LayerWriterOptions
    {
        ModificationTime = Epoch,
        ParentDirectoryMode = 0b111_101_101,
        ParentDirectoryOwner = FileOwner.Root,
    });

    [Fact]
    public async Task WriteAsync_SampleTree_ListingAndDigestsMatchGolden()
    {
        using var temp = new TempDirectory();
        var host = MakeHostFiles(temp, "host", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var store = new BlobStore(temp.Combine("store"));
        var layer = await Writer(store).WriteAsync(SampleEntries(host));

        var listing = TarListing.OfGzipFile(store.PathOf(layer.Digest));
        Golden.Assert("tests/Cairn.Oci.Tests/Golden/sample-layer.expected",
            $"digest {layer.Digest}\ndiff_id {layer.DiffId}\nsize {layer.Descriptor.Size}\n{listing}");
    }

    [Fact]
    public async Task WriteAsync_TellsHowMuchContentIsIn_AfterEachFile_AndTheSameBytesAsWithoutBeingAsked()
    {
        using var temp = new TempDirectory();
        var host = MakeHostFiles(temp, "host", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var told = new List<long>();
        var layer = await Writer(new BlobStore(temp.Combine("told"))).WriteAsync(SampleEntries(host), default, told.Add);
        var quiet = await Writer(new BlobStore(temp.Combine("quiet"))).WriteAsync(SampleEntries(host));

        var files = SampleEntries(host).Where(e => e.Content is not null).ToList();
        Assert.Equal(files.Count, told.Count);
        Assert.Equal(told.Order(), told);
        Assert.Equal(files.Sum(e => e.Content!.Length), told[^1]);
        Assert.Equal(quiet.Digest, layer.Digest);
    }

    [Fact]
    public async Task WriteAsync_DifferentOrderDiskMtimesAndModes_GiveTheSameDigest()
    {
        using var temp = new TempDirectory();
        var first = MakeHostFiles(temp, "one", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var second = MakeHostFiles(temp, "two", new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        var a = await Writer(new BlobStore(temp.Combine("store-a"))).WriteAsync(SampleEntries(first));
        var shuffled = SampleEntries(second);
        shuffled.Reverse();
        var b = await Writer(new BlobStore(temp.Combine("store-b"))).WriteAsync(shuffled);

        Assert.Equal(a.Digest, b.Digest);
        Assert.Equal(a.DiffId, b.DiffId);
        Assert.Equal(a.Descriptor.Size, b.Descriptor.Size);
    }

    [Fact]
    public async Task WriteAsync_OneByteChanged_ChangesTheDigest()
    {
        using var temp = new TempDirectory();
        var mtime = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var store = new BlobStore(temp.Combine("store"));
        var a = await Writer(store).WriteAsync(SampleEntries(MakeHostFiles(temp, "one", mtime, mode, "print('hi')\n")));
        var b = await Writer(store).WriteAsync(SampleEntries(MakeHostFiles(temp, "two", mtime, mode, "print('ho')\n")));

        Assert.NotEqual(a.Digest, b.Digest);
        Assert.NotEqual(a.DiffId, b.DiffId);
    }

    [Fact]
    public async Task WriteAsync_EveryEntry_HasTheEpochMtimeAndOnlyTheGivenOwners()
    {
        using var temp = new TempDirectory();
        var host = MakeHostFiles(temp, "host", DateTime.UtcNow, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var store = new BlobStore(temp.Combine("store"));
        var layer = await Writer(store).WriteAsync(SampleEntries(host));

        var entries = TarListing.EntriesOfGzipFile(store.PathOf(layer.Digest));
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.Equal(Epoch, e.ModificationTime);
            Assert.Contains(e.Uid, new[] { 0, 584792 });
            Assert.Contains(e.Gid, new[] { 0, 584792 });
            Assert.DoesNotContain("PaxHeaders.", e.Name, StringComparison.Ordinal);
            Assert.IsType<UstarTarEntry>(e);
        });
    }

    [Fact]
    public async Task WriteAsync_Blob_IsNamedByItsDigestAndTheTarByItsDiffId()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var layer = await Writer(store).WriteAsync([LayerEntry.File("x", LayerContent.FromText("x"))]);

        var path = store.PathOf(layer.Digest);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(layer.Digest, Digest.Compute(bytes));
        Assert.Equal(bytes.Length, layer.Descriptor.Size);
        Assert.Equal(MediaTypes.LayerGzip, layer.Descriptor.MediaType);
        await using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress))
            Assert.Equal(layer.DiffId, await Digest.ComputeAsync(gzip));

        // Fixed gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS unix.
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, bytes[..10]);
        Assert.Empty(Directory.EnumerateFiles(temp.Combine("store", "tmp")));
    }

    // Several compression blocks (ParallelGzipStream, 1 MiB each), the last one partial: gzip itself (which checks the
    // CRC-32 and length in the trailer) and .NET read back exactly the tar, and a second write gives the same bytes.
    [Fact]
    public async Task WriteAsync_ALayerOfManyBlocks_IsOneValidGzipStreamAndTheSameEachTime()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var random = new Random(42);
        var noise = new byte[3_500_000];
        random.NextBytes(noise);
        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"line {i % 977}\n")));
        LayerEntry[] entries = [LayerEntry.File("noise", LayerContent.FromBytes(noise)), LayerEntry.File("text", LayerContent.FromBytes(text))];

        var layer = await Writer(store).WriteAsync(entries);
        var again = await Writer(new BlobStore(temp.Combine("other"))).WriteAsync(entries);

        Assert.Equal(layer.Digest, again.Digest);
        var path = store.PathOf(layer.Digest);
        ToolRun.Check("gzip", ["--test", path]);
        await using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress))
            Assert.Equal(layer.DiffId, await Digest.ComputeAsync(gzip));
        var read = TarListing.EntriesOfGzipFile(path);
        Assert.Equal(["noise", "text"], read.Select(e => e.Name));
        Assert.True(layer.Descriptor.Size < noise.Length + text.Length / 4, "the text compressed");
    }

    [Fact]
    public async Task WriteAsync_LongPathsLinksAndIds_UsePaxWithFixedHeaderNames()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var longDir = string.Join('/', Enumerable.Repeat("directory-name-of-forty-characters-long", 8));
        var longName = new string('n', 120);
        var entries = new[]
        {
            LayerEntry.File($"{longDir}/short", LayerContent.FromText("a")),
            LayerEntry.File($"usr/{longName}", LayerContent.FromText("b"), owner: new FileOwner(3_000_000, 5)),
            LayerEntry.Symlink("usr/link", "/" + new string('t', 150)),
            LayerEntry.File("usr/split/" + new string('s', 90), LayerContent.FromText("c")),
        };
        var layer = await Writer(store).WriteAsync(entries);
        var read = TarListing.EntriesOfGzipFile(store.PathOf(layer.Digest));

        Assert.Contains(read, e => e.Name == $"{longDir}/short" && e is PaxTarEntry);
        var big = Assert.Single(read, e => e.Name == $"usr/{longName}");
        Assert.Equal(3_000_000, big.Uid);
        Assert.Equal(5, big.Gid);
        Assert.Equal("/" + new string('t', 150), Assert.Single(read, e => e.Name == "usr/link").LinkName);
        Assert.IsType<UstarTarEntry>(Assert.Single(read, e => e.Name == "usr/split/" + new string('s', 90)));
        Assert.All(read.OfType<PaxTarEntry>(), e =>
            Assert.DoesNotContain(e.ExtendedAttributes.Keys, k => k is "mtime" or "atime" or "ctime"));

        // The raw stream names extended headers "PaxHeaders/<base name>", never after a process id.
        await using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(store.PathOf(layer.Digest)), System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        await gzip.CopyToAsync(raw);
        var text = System.Text.Encoding.ASCII.GetString(raw.ToArray());
        Assert.Contains("PaxHeaders/short", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PaxHeaders.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AddsParentsWithTheGivenModeAndOwner()
    {
        var writer = new LayerWriter(new BlobStore("/nonexistent"), new LayerWriterOptions
        {
            ParentDirectoryMode = 0b111_000_000,
            ParentDirectoryOwner = Daemon,
        });
        var plan = writer.Plan([LayerEntry.File("a/b/c", LayerContent.FromText("c")), LayerEntry.Directory("a", 0b111_111_111)]);

        Assert.Equal(["a", "a/b", "a/b/c"], plan.Select(e => e.Path));
        Assert.Equal(0b111_111_111, plan[0].Mode);
        Assert.Equal(FileOwner.Root, plan[0].Owner);
        Assert.Equal(0b111_000_000, plan[1].Mode);
        Assert.Equal(Daemon, plan[1].Owner);
    }

    [Fact]
    public void Plan_SortsByComponents_DirectoryBeforeItsContents()
    {
        var writer = new LayerWriter(new BlobStore("/nonexistent"));
        var plan = writer.Plan(new[] { "a-b", "a/x", "a.c", "a/x/y", "b", "a0" }.Select(p => LayerEntry.Directory(p)));
        Assert.Equal(new[] { "a", "a/x", "a/x/y", "a-b", "a.c", "a0", "b" }, plan.Select(e => e.Path));
    }

    [Fact]
    public void Plan_HardlinkSortingBeforeItsTarget_CarriesTheContent()
    {
        var writer = new LayerWriter(new BlobStore("/nonexistent"));
        var content = LayerContent.FromText("shared");
        var plan = writer.Plan(
        [
            LayerEntry.File("z/original", content, 0b111_101_101, Daemon),
            LayerEntry.Hardlink("a/link", "z/original"),
            LayerEntry.Hardlink("m/link-to-link", "a/link"),
        ]);

        var byPath = plan.ToDictionary(e => e.Path);
        Assert.Equal(LayerEntryKind.File, byPath["a/link"].Kind);
        Assert.Same(content, byPath["a/link"].Content);
        Assert.Equal(Daemon, byPath["a/link"].Owner);
        Assert.Equal((LayerEntryKind.Hardlink, "a/link"), (byPath["z/original"].Kind, byPath["z/original"].LinkTarget));
        Assert.Equal((LayerEntryKind.Hardlink, "a/link"), (byPath["m/link-to-link"].Kind, byPath["m/link-to-link"].LinkTarget));
    }

    [Fact]
    public void Plan_IdenticalDuplicates_AreMerged()
    {
        var writer = new LayerWriter(new BlobStore("/nonexistent"));
        var plan = writer.Plan([LayerEntry.Directory("/etc"), LayerEntry.Directory("etc/"), LayerEntry.Symlink("bin", "usr/bin"), LayerEntry.Symlink("bin", "usr/bin")]);
        Assert.Equal(new[] { "bin", "etc" }, plan.Select(e => e.Path));
    }

    public static TheoryData<string, LayerEntry[]> BadEntries => new()
    {
        { "CAIRN5001", [LayerEntry.Directory("etc", 0b111_101_101), LayerEntry.Directory("etc", 0b111_000_000)] },
        { "CAIRN5001", [LayerEntry.File("f", LayerContent.FromText("a")), LayerEntry.File("f", LayerContent.FromText("a"))] },
        { "CAIRN5002", [LayerEntry.File("f", LayerContent.FromText("a")), LayerEntry.File("f/g", LayerContent.FromText("b"))] },
        { "CAIRN5002", [LayerEntry.Symlink("bin", "usr/bin"), LayerEntry.File("bin/x", LayerContent.FromText("b"))] },
        { "CAIRN5003", [LayerEntry.File("../escape", LayerContent.FromText("a"))] },
        { "CAIRN5003", [LayerEntry.File("a//b", LayerContent.FromText("a"))] },
        { "CAIRN5003", [LayerEntry.Directory("/")] },
        { "CAIRN5003", [LayerEntry.Directory("a", 0x1000)] },
        { "CAIRN5003", [new LayerEntry { Path = "f", Kind = LayerEntryKind.File }] },
        { "CAIRN5009", [LayerEntry.Hardlink("l", "missing")] },
        { "CAIRN5009", [LayerEntry.Directory("d"), LayerEntry.Hardlink("l", "d")] },
        { "CAIRN5009", [LayerEntry.Hardlink("l1", "l2"), LayerEntry.Hardlink("l2", "l1")] },
        { "CAIRN5009", [LayerEntry.Symlink("s", "")] },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void Plan_BadEntries_FailWithTheirCode(string code, LayerEntry[] entries)
    {
        var writer = new LayerWriter(new BlobStore("/nonexistent"));
        var e = Assert.Throws<CairnException>(() => writer.Plan(entries));
        Assert.Equal(code, e.Diagnostics[0].Code);
        Assert.StartsWith("cannot ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ContentShorterThanAnnounced_FailsAndLeavesNoBlob()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var e = await Assert.ThrowsAsync<CairnException>(() => Writer(store).WriteAsync([LayerEntry.File("x", new ShrinkingContent())]));

        Assert.Equal("CAIRN5006", e.Diagnostics[0].Code);
        Assert.Empty(Directory.EnumerateFiles(temp.Combine("store"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriteAsync_MissingHostFile_IsCairn5006()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var e = await Assert.ThrowsAsync<CairnException>(() => Writer(store).WriteAsync([LayerEntry.File("x", LayerContent.FromFile(temp.Combine("missing")))]));
        Assert.Equal("CAIRN5006", e.Diagnostics[0].Code);
    }

    /// <summary>Content that says it has 10 bytes and gives 3: a file truncated while the layer is written.</summary>
    private sealed class ShrinkingContent : LayerContent
    {
        public override long Length => 10;

        public override string Source => "shrinking";

        public override string Fingerprint => "shrinking";

        public override Stream OpenRead() => new MemoryStream([1, 2, 3]);
    }
}

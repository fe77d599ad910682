using Cairn.TestKit;

namespace Cairn.Files.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_ReplacesTheFileWhole_AndLeavesNoTempFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("state.json", "old");

        AtomicFile.Write(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_WithoutReplace_LeavesAnExistingFileAlone()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("rockcraft.yaml", "mine");

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "template", replace: false));

        Assert.Equal("mine", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task WriteAsync_WhenTheWriterFails_KeepsThePreviousFileAndRemovesTheTemp()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("x.rock", "whole");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync("half"u8.ToArray());
            throw new InvalidOperationException("interrupted");
        }, CancellationToken.None));

        Assert.Equal("whole", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Copy_KeepsTheBytesAndTheExecutableBit_OverAnOlderCopy()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("pebble", "#!/bin/sh\n");
        File.SetUnixFileMode(source, (UnixFileMode)0b111_101_101);
        var target = dir.Write("provided/pebble", "old");

        AtomicFile.Copy(source, target);

        Assert.Equal("#!/bin/sh\n", File.ReadAllText(target));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(target));
        Assert.Equal(["pebble"], Directory.GetFiles(dir.Combine("provided")).Select(Path.GetFileName));
    }

    [Fact]
    public void TempPathFor_IsHiddenBesideTheFile_AndNewEachTime()
    {
        var a = AtomicFile.TempPathFor("/work/out/x.rock");
        var b = AtomicFile.TempPathFor("/work/out/x.rock");

        Assert.Equal("/work/out", Path.GetDirectoryName(a));
        Assert.StartsWith(".x.rock.partial-", Path.GetFileName(a), StringComparison.Ordinal);
        Assert.NotEqual(a, b);
    }
}

using System.Diagnostics;
using Cairn.Sandbox.Caching;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

public class DirectoryLockTests
{
    [Fact]
    public async Task A_second_holder_waits_until_the_first_lets_go_and_is_told_once()
    {
        using var temp = new TempDirectory();
        var waits = 0;
        var first = await DirectoryLock.AcquireAsync(temp.Path, () => waits++, CancellationToken.None);
        var second = DirectoryLock.AcquireAsync(temp.Path, () => waits++, CancellationToken.None);
        // Nothing may happen while the first holds it. A slow machine only makes this wait shorter in effect (a false
        // pass), never a false failure: the second holder cannot get the lock before the first lets go.
        await Task.Delay(600);
        Assert.False(second.IsCompleted, "the second holder did not wait");

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        Assert.Equal(1, waits);
    }

    [ToolFact("flock")]
    public async Task Another_process_holding_the_pool_is_waited_for()
    {
        using var temp = new TempDirectory();
        var ready = temp.Combine("ready");
        var release = temp.Combine("release");
        // flock(1) takes the same advisory lock another cairn would hold, says so, and holds it until told to let go
        // (or 60 s pass, so a lock that is never waited for fails the test instead of hanging it). A fixed hold would
        // race the test: on a slow machine it could end before the test even tried.
        using var other = Process.Start("flock", [Path.Combine(temp.Path, ".cairn-lock"), "sh", "-c",
            $"touch '{ready}'; i=0; while [ ! -e '{release}' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done"])!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(ready) && !other.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(File.Exists(ready), "flock did not take the lock");

        var waited = false;
        // Told it waits: only then does the other process let go.
        using (await DirectoryLock.AcquireAsync(temp.Path, () => { waited = true; File.WriteAllText(release, ""); }, CancellationToken.None))
        {
            Assert.True(waited, "the pool was taken while another process held it");
            Assert.True(other.WaitForExit(30_000));
        }
    }

    [Fact]
    public async Task Waiting_ends_when_cancelled()
    {
        using var temp = new TempDirectory();
        using var held = await DirectoryLock.AcquireAsync(temp.Path, () => { }, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DirectoryLock.AcquireAsync(temp.Path, () => { }, cancel.Token));
    }

    [Fact]
    public async Task A_directory_that_cannot_be_written_is_a_clear_error_not_a_wait()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("file", "not a directory");
        var e = await Assert.ThrowsAsync<Cairn.Diagnostics.CairnException>(() => DirectoryLock.AcquireAsync(Path.Combine(file, "pool"), () => { }, CancellationToken.None));
        Assert.Equal("CAIRN4008", e.Diagnostics[0].Code);
        Assert.StartsWith($"cannot use the cache at {Path.Combine(file, "pool")}", e.Diagnostics[0].Message, StringComparison.Ordinal);
    }
}

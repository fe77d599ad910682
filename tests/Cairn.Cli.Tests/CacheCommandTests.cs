using Cairn.Sandbox.Caching;
using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>
/// <c>cairn cache list</c> and <c>cairn cache prune</c> through the real executable, over a cache in a temp
/// directory (<c>XDG_CACHE_HOME</c>) holding small entries made with the library's own <see cref="CacheEntries"/>.
/// </summary>
public sealed class CacheCommandTests : IDisposable
{
    /// <summary>Long enough ago that the default --unused-days 30 prunes it.</summary>
    private static readonly DateTime LongAgo = new(2020, 1, 2, 3, 4, 0, DateTimeKind.Utc);

    private readonly TempDirectory _home = new("cairn-cache-cli");
    private readonly CacheLayout _cache;

    public CacheCommandTests()
    {
        _cache = new CacheLayout(_home.Combine("cairn"));
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task List_shows_each_complete_entry_with_its_kind_size_last_use_and_description()
    {
        var recent = await EntryAsync(_cache.Environments, "ubuntu-24.04-2222", "environment", "ubuntu@24.04 + python3-dev", 3 << 20, null);
        await EntryAsync(_cache.Bases, "ubuntu-24.04-1111", "base", "ubuntu@24.04", 2048, LongAgo);
        Pool("ubuntu-24.04-2222", 512, LongAgo);
        // Neither an entry without entry.json nor the temporary directory of a creation is listed.
        Directory.CreateDirectory(Path.Combine(_cache.Bases, "ubuntu-22.04-3333"));
        Directory.CreateDirectory(Path.Combine(_cache.Bases, $".tmp-ubuntu-22.04-3333-{int.MaxValue}-0123"));

        var (exit, output, error) = await CairnAsync("cache", "list");

        Assert.True(exit == 0, error);
        Assert.Equal($"cache: {_cache.Root}\n", error);
        var recentUse = File.GetLastWriteTimeUtc(Path.Combine(recent, CacheEntries.ManifestName)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            "KIND              SIZE LAST USED        DESCRIPTION\n" +
            "base           2.0 KiB 2020-01-02 03:04 ubuntu@24.04\n" +
            $"environment    3.0 MiB {recentUse} ubuntu@24.04 + python3-dev\n" +
            "packages         512 B 2020-01-02 03:04 downloaded packages for ubuntu-24.04-2222\n",
            output);
    }

    [Fact]
    public async Task Prune_deletes_entries_unused_for_30_days_and_abandoned_creations_and_keeps_the_rest()
    {
        var old = await EntryAsync(_cache.Bases, "ubuntu-22.04-1111", "base", "ubuntu@22.04", 2048, LongAgo);
        var recent = await EntryAsync(_cache.Bases, "ubuntu-24.04-2222", "base", "ubuntu@24.04", 1024, null);
        var wheelhouse = await EntryAsync(_cache.Wheelhouses, "ubuntu-24.04-4444", "wheelhouse", "wheels for ubuntu@24.04", 100, DateTime.UtcNow.AddDays(-29));
        var pool = Pool("ubuntu-22.04-1111", 512, LongAgo);
        // Left by a creation whose process is gone (no process has the largest pid).
        var abandoned = Directory.CreateDirectory(Path.Combine(_cache.Environments, $".tmp-ubuntu-24.04-5555-{int.MaxValue}-0123")).FullName;

        var (exit, output, error) = await CairnAsync("cache", "prune");

        Assert.True(exit == 0, error);
        Assert.Equal("deleted base ubuntu@22.04 (2.0 KiB)\ndeleted packages downloaded packages for ubuntu-22.04-1111 (512 B)\n", output);
        Assert.Equal("freed 2.5 KiB\n", error);
        Assert.False(Directory.Exists(old));
        Assert.False(Directory.Exists(pool));
        Assert.False(Directory.Exists(abandoned));
        Assert.True(File.Exists(Path.Combine(recent, CacheEntries.ManifestName)));
        Assert.True(File.Exists(Path.Combine(wheelhouse, CacheEntries.ManifestName)));
    }

    [Fact]
    public async Task Prune_with_unused_days_or_all_deletes_accordingly()
    {
        var week = await EntryAsync(_cache.Environments, "ubuntu-24.04-1111", "environment", "ubuntu@24.04", 10, DateTime.UtcNow.AddDays(-7));
        var today = await EntryAsync(_cache.Bases, "ubuntu-24.04-2222", "base", "ubuntu@24.04", 10, null);

        var days = await CairnAsync("cache", "prune", "--unused-days", "5");
        Assert.True(days.Exit == 0, days.Error);
        Assert.Equal("deleted environment ubuntu@24.04 (10 B)\n", days.Output);
        Assert.False(Directory.Exists(week));
        Assert.True(Directory.Exists(today));

        var all = await CairnAsync("cache", "prune", "--all");
        Assert.True(all.Exit == 0, all.Error);
        Assert.Equal("deleted base ubuntu@24.04 (10 B)\n", all.Output);
        Assert.False(Directory.Exists(today));
        Assert.Equal("KIND              SIZE LAST USED        DESCRIPTION\n", (await CairnAsync("cache", "list")).Output);
    }

    [Fact]
    public async Task List_shows_project_builds_and_prune_deletes_those_whose_project_is_gone()
    {
        var project = Directory.CreateDirectory(_home.Combine("app")).FullName;
        var gone = _home.Combine("deleted-app");
        var kept = Directory.CreateDirectory(Path.Combine(_cache.Projects, "app-1111")).FullName;
        ProjectBuilds.Touch(kept, project, TimeProvider.System);
        var orphan = Directory.CreateDirectory(Path.Combine(_cache.Projects, "deleted-app-2222")).FullName;
        ProjectBuilds.Touch(orphan, gone, TimeProvider.System);

        var list = await CairnAsync("cache", "list");
        Assert.True(list.Exit == 0, list.Error);
        Assert.Contains($" build of {project}\n", list.Output, StringComparison.Ordinal);
        Assert.Contains($" build of {gone} (gone)\n", list.Output, StringComparison.Ordinal);

        var prune = await CairnAsync("cache", "prune");
        Assert.True(prune.Exit == 0, prune.Error);
        Assert.Equal($"deleted project build of {gone} (gone) ({gone.Length} B)\n", prune.Output);
        Assert.False(Directory.Exists(orphan));
        Assert.True(Directory.Exists(kept));
    }

    /// <summary>A complete entry holding one file of <paramref name="size"/> bytes, last used at <paramref name="lastUsed"/> (null: now).</summary>
    private async Task<string> EntryAsync(string kindDirectory, string name, string kind, string description, int size, DateTime? lastUsed)
    {
        var directory = await CacheEntries.CreateAsync(kindDirectory, name, kind, description, new Dictionary<string, string> { ["name"] = name },
            (temp, ct) => File.WriteAllBytesAsync(Path.Combine(temp, "content"), new byte[size], ct), TimeProvider.System, CancellationToken.None);
        if (lastUsed is { } time)
            File.SetLastWriteTimeUtc(Path.Combine(directory, CacheEntries.ManifestName), time);
        return directory;
    }

    /// <summary>A package pool (no manifest: its size is measured, its last use is the directory's time).</summary>
    private string Pool(string name, int size, DateTime lastUsed)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_cache.Packages, name)).FullName;
        File.WriteAllBytes(Path.Combine(directory, "libpq5_16.4-0ubuntu0.24.04.2_amd64.deb"), new byte[size]);
        Directory.SetLastWriteTimeUtc(directory, lastUsed);
        return directory;
    }

    /// <summary>Runs the real cairn (the published Native AOT binary) with <c>XDG_CACHE_HOME</c> at the temp cache.</summary>
    private async Task<(int Exit, string Output, string Error)> CairnAsync(params string[] args)
    {
        var run = await CliRun.PublishedAsync(_home.Path, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = _home.Path }, args);
        return (run.ExitCode, run.Out, run.Error);
    }
}

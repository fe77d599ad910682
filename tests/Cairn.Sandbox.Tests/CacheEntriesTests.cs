using System.Diagnostics;
using Cairn.Sandbox.Caching;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

public class CacheEntriesTests
{
    private static readonly Dictionary<string, string> Inputs = new() { ["a"] = "1", ["b"] = "2" };

    [Fact]
    public void The_key_depends_on_the_inputs_not_their_order()
    {
        var reordered = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" };
        var changed = new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" };
        Assert.Equal(CacheEntries.KeyOf(Inputs), CacheEntries.KeyOf(reordered));
        Assert.NotEqual(CacheEntries.KeyOf(Inputs), CacheEntries.KeyOf(changed));
        Assert.Equal(16, CacheEntries.KeyOf(Inputs).Length);
    }

    [Fact]
    public async Task A_created_entry_has_its_content_and_manifest()
    {
        using var temp = new TempDirectory();
        var entry = await CacheEntries.CreateAsync(temp.Path, "e1", "base", "test", Inputs,
            (dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "payload"), "hello", ct), TimeProvider.System, CancellationToken.None);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(entry, "payload")));
        var manifest = CacheEntries.ReadManifest(entry);
        Assert.NotNull(manifest);
        Assert.Equal("base", manifest.Kind);
        Assert.Equal(5, manifest.SizeBytes);
        Assert.Equal(entry, CacheEntries.FindReady(entry, TimeProvider.System));
        Assert.Single(Directory.EnumerateDirectories(temp.Path));
    }

    [Fact]
    public async Task A_failed_creation_leaves_nothing()
    {
        using var temp = new TempDirectory();
        await Assert.ThrowsAsync<InvalidOperationException>(() => CacheEntries.CreateAsync(temp.Path, "e1", "base", "test", Inputs,
            async (dir, ct) =>
            {
                await File.WriteAllTextAsync(Path.Combine(dir, "half"), "x", ct);
                throw new InvalidOperationException("interrupted");
            }, TimeProvider.System, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void An_entry_without_a_manifest_is_not_trusted_and_is_removed()
    {
        using var temp = new TempDirectory();
        var entry = temp.Combine("e1");
        temp.Write("e1/rootfs/half-written", "x");
        Assert.Null(CacheEntries.FindReady(entry, TimeProvider.System));
        Assert.False(Directory.Exists(entry));
    }

    [Fact]
    public async Task The_temporary_directory_of_a_killed_creation_is_deleted_by_the_next_one()
    {
        using var temp = new TempDirectory();
        // A process that has ended stands for a cairn killed mid-creation.
        using var ended = Process.Start("true")!;
        await ended.WaitForExitAsync();
        var abandoned = temp.Write($".tmp-e1-{ended.Id}-0123abcd/rootfs/etc/half", "x");
        var live = temp.Write($".tmp-e2-{Environment.ProcessId}-0123abcd/x", "x");

        await CacheEntries.CreateAsync(temp.Path, "e1", "base", "test", Inputs, (_, _) => Task.CompletedTask, TimeProvider.System, CancellationToken.None);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(temp.Combine("e1", CacheEntries.ManifestName)));
    }

    [Fact]
    public void A_tree_with_a_mount_inside_is_never_walked_into()
    {
        Assert.Contains("/proc", FileTree.MountPointsUnder("/proc"));
        Assert.Throws<IOException>(() => FileTree.Delete("/proc"));
        using var temp = new TempDirectory();
        Assert.Empty(FileTree.MountPointsUnder(temp.Path));
    }

    [Fact]
    public void Deleting_a_tree_with_read_only_directories_works()
    {
        using var temp = new TempDirectory();
        temp.Write("tree/proc/../usr/file", "x");
        var ro = temp.Combine("tree", "ro");
        temp.Write("tree/ro/inner", "x");
        File.SetUnixFileMode(ro, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        FileTree.Delete(temp.Combine("tree"));
        Assert.False(Directory.Exists(temp.Combine("tree")));
    }
}

public class CacheMaintenanceTests
{
    [Fact]
    public async Task List_shows_complete_entries_and_prune_deletes_by_last_use()
    {
        using var temp = new TempDirectory();
        var cache = new CacheLayout(temp.Path);
        var inputs = new Dictionary<string, string> { ["x"] = "1" };
        var old = await CacheEntries.CreateAsync(cache.Bases, "ubuntu-24.04-aaaa", "base", "ubuntu@24.04", inputs,
            (d, ct) => File.WriteAllTextAsync(Path.Combine(d, "base.tar"), "tar", ct), TimeProvider.System, CancellationToken.None);
        await CacheEntries.CreateAsync(cache.Environments, "ubuntu-24.04-bbbb", "environment", "ubuntu@24.04 + python3-dev", inputs,
            (_, _) => Task.CompletedTask, TimeProvider.System, CancellationToken.None);
        temp.Write("packages/ubuntu-24.04-bbbb/libpq5_16_amd64.deb", "0123456789");
        temp.Write($"bases/.tmp-ubuntu-22.04-cccc-{Environment.ProcessId}-00/half", "x");
        File.SetLastWriteTimeUtc(Path.Combine(old, CacheEntries.ManifestName), DateTime.UtcNow.AddDays(-40));

        var maintenance = new CacheMaintenance(cache, TimeProvider.System);
        var listed = maintenance.List();
        Assert.Equal(["base", "environment", "packages"], listed.Select(e => e.Kind));
        Assert.Equal(3, listed[0].SizeBytes);
        Assert.Equal(10, listed[2].SizeBytes);

        var pruned = maintenance.Prune(TimeSpan.FromDays(30));
        Assert.Equal(["ubuntu@24.04"], pruned.Select(e => e.Description));
        Assert.False(Directory.Exists(old));
        Assert.Equal(2, maintenance.List().Count);

        maintenance.Prune(null);
        Assert.Empty(maintenance.List());
    }

    [Fact]
    public void Project_builds_are_listed_with_their_project_and_pruned_when_unused_or_their_project_is_gone()
    {
        using var temp = new TempDirectory();
        var cache = new CacheLayout(temp.Combine("cache"));
        var kept = Directory.CreateDirectory(temp.Combine("kept")).FullName;
        var gone = temp.Combine("gone");
        var unused = Directory.CreateDirectory(temp.Combine("unused")).FullName;
        string Build(string name, string project)
        {
            var directory = Directory.CreateDirectory(Path.Combine(cache.Projects, name)).FullName;
            File.WriteAllText(Path.Combine(directory, "prime.txt"), "12345");
            ProjectBuilds.Touch(directory, project, TimeProvider.System);
            return directory;
        }

        var keptBuild = Build("kept-1111", kept);
        var goneBuild = Build("gone-2222", gone);
        var unusedBuild = Build("unused-3333", unused);
        File.SetLastWriteTimeUtc(new WorkLayout(unusedBuild).ProjectFile, DateTime.UtcNow.AddDays(-40));

        var maintenance = new CacheMaintenance(cache, TimeProvider.System);
        var listed = maintenance.List();
        Assert.Equal(["project"], listed.Select(e => e.Kind).Distinct());
        Assert.Equal([$"build of {gone} (gone)", $"build of {kept}", $"build of {unused}"], listed.Select(e => e.Description));
        Assert.All(listed, e => Assert.Equal(5 + new FileInfo(new WorkLayout(e.Path).ProjectFile).Length, e.SizeBytes));

        var pruned = maintenance.Prune(TimeSpan.FromDays(30));
        Assert.Equal([goneBuild, unusedBuild], pruned.Select(e => e.Path));
        Assert.True(Directory.Exists(keptBuild));
        Assert.False(Directory.Exists(goneBuild));
    }

    [Fact]
    public void A_build_is_touched_at_every_use_and_names_the_project_it_builds()
    {
        using var temp = new TempDirectory();
        var marker = new WorkLayout(temp.Path).ProjectFile;
        ProjectBuilds.Touch(temp.Path, "/home/me/app", TimeProvider.System);
        File.SetLastWriteTimeUtc(marker, DateTime.UtcNow.AddDays(-3));
        ProjectBuilds.Touch(temp.Path, "/home/me/app", TimeProvider.System);

        Assert.Equal("/home/me/app", ProjectBuilds.ProjectOf(temp.Path));
        Assert.True(DateTime.UtcNow - File.GetLastWriteTimeUtc(marker) < TimeSpan.FromHours(1));
        Assert.Null(ProjectBuilds.ProjectOf(temp.Combine("elsewhere")));
    }
}

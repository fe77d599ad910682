namespace Cairn.Sandbox.Caching;

/// <summary><c>cairn cache list</c> and <c>cairn cache prune</c> as library operations.</summary>
public sealed class CacheMaintenance(CacheLayout cache, TimeProvider clock)
{
    /// <summary>Every complete entry, by kind then name. Package pools and project builds have no manifest: their size is measured.</summary>
    public IReadOnlyList<CacheEntryInfo> List()
    {
        var entries = new List<CacheEntryInfo>();
        foreach (var kindDirectory in cache.Kinds.Where(Directory.Exists))
        {
            foreach (var directory in Directory.EnumerateDirectories(kindDirectory).Where(d => !CacheEntries.IsTemporary(d)).Order(StringComparer.Ordinal))
            {
                if (kindDirectory == cache.Projects)
                {
                    entries.Add(ProjectBuilds.Describe(directory));
                    continue;
                }

                var manifest = CacheEntries.ReadManifest(directory);
                var name = Path.GetFileName(directory);
                if (manifest is not null)
                {
                    var lastUsed = File.GetLastWriteTimeUtc(Path.Combine(directory, CacheEntries.ManifestName));
                    entries.Add(new CacheEntryInfo(manifest.Kind, name, manifest.Description, manifest.SizeBytes, new DateTimeOffset(lastUsed, TimeSpan.Zero), directory));
                }
                else if (kindDirectory == cache.Packages)
                {
                    entries.Add(new CacheEntryInfo("packages", name, $"downloaded packages for {name}", FileTree.Size(directory),
                        new DateTimeOffset(Directory.GetLastWriteTimeUtc(directory), TimeSpan.Zero), directory));
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// Deletes every entry (<paramref name="unusedFor"/> null) or those not used for that long and the builds of
    /// project directories that are gone, plus what interrupted creations left behind. Returns what was deleted.
    /// </summary>
    public IReadOnlyList<CacheEntryInfo> Prune(TimeSpan? unusedFor)
    {
        foreach (var kindDirectory in cache.Kinds)
            CacheEntries.DeleteAbandoned(kindDirectory);
        var now = clock.GetUtcNow();
        var deleted = new List<CacheEntryInfo>();
        foreach (var entry in List())
        {
            if (unusedFor is { } age && now - entry.LastUsed < age && !entry.ProjectGone)
                continue;
            FileTree.Delete(entry.Path);
            deleted.Add(entry);
        }

        return deleted;
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Diagnostics;

namespace Cairn.Sandbox.Caching;

/// <summary>
/// Creates cache entries atomically: an entry is filled in a temporary sibling directory
/// (<c>.tmp-&lt;name&gt;-&lt;pid&gt;-&lt;random&gt;</c>) and renamed into place only when complete, with its
/// manifest written last. A creation that was interrupted leaves only a temporary directory, which the next
/// run deletes once its process is gone; nothing reads it.
/// </summary>
public static class CacheEntries
{
    /// <summary>The manifest file inside every entry.</summary>
    public const string ManifestName = "entry.json";

    private const string TempPrefix = ".tmp-";

    /// <summary>A short stable key for a set of inputs: the first 16 hex digits of their SHA-256.</summary>
    public static string KeyOf(IReadOnlyDictionary<string, string> inputs)
    {
        var canonical = new StringBuilder();
        foreach (var (name, value) in inputs.OrderBy(i => i.Key, StringComparer.Ordinal))
            canonical.Append(name).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..16];
    }

    /// <summary>The entry directory if it exists and is complete, else null (an incomplete one is removed).</summary>
    public static string? FindReady(string directory, TimeProvider clock)
    {
        var manifest = Path.Combine(directory, ManifestName);
        if (File.Exists(manifest))
        {
            // Last use, for pruning: the manifest's mtime.
            File.SetLastWriteTimeUtc(manifest, clock.GetUtcNow().UtcDateTime);
            return directory;
        }

        if (Directory.Exists(directory))
            FileTree.Delete(directory);
        return null;
    }

    /// <summary>Reads an entry's manifest, or null when it has none or it cannot be read.</summary>
    public static CacheEntryManifest? ReadManifest(string directory)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(directory, ManifestName)), CacheJson.Default.CacheEntryManifest);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Makes the entry <paramref name="name"/> under <paramref name="kindDirectory"/>: <paramref name="fill"/>
    /// writes into a temporary directory it is given, then the manifest is written and the directory renamed
    /// into place. If another process finished the same entry first, its entry is used and ours dropped.
    /// </summary>
    public static async Task<string> CreateAsync(
        string kindDirectory,
        string name,
        string kind,
        string description,
        IReadOnlyDictionary<string, string> inputs,
        Func<string, CancellationToken, Task> fill,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(kindDirectory);
        DeleteAbandoned(kindDirectory);
        var final = Path.Combine(kindDirectory, name);
        var temp = Path.Combine(kindDirectory, $"{TempPrefix}{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            await fill(temp, cancellationToken).ConfigureAwait(false);
            var manifest = new CacheEntryManifest(kind, description, inputs, FileTree.Size(temp), clock.GetUtcNow());
            await File.WriteAllTextAsync(Path.Combine(temp, ManifestName), JsonSerializer.Serialize(manifest, CacheJson.Default.CacheEntryManifest), cancellationToken)
                .ConfigureAwait(false);
            try
            {
                Directory.Move(temp, final);
            }
            catch (IOException) when (File.Exists(Path.Combine(final, ManifestName)))
            {
                FileTree.Delete(temp);
            }

            return final;
        }
        catch
        {
            // A failed or cancelled creation leaves nothing behind (best effort: a killed process cannot do
            // this, which is why DeleteAbandoned exists).
            try
            {
                FileTree.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            throw;
        }
    }

    /// <summary>True for the temporary directory of a creation in progress or abandoned.</summary>
    public static bool IsTemporary(string directory) => Path.GetFileName(directory).StartsWith(TempPrefix, StringComparison.Ordinal);

    /// <summary>Deletes the temporary directories of creations whose process no longer exists.</summary>
    public static int DeleteAbandoned(string kindDirectory)
    {
        if (!Directory.Exists(kindDirectory))
            return 0;
        var deleted = 0;
        foreach (var dir in Directory.EnumerateDirectories(kindDirectory, TempPrefix + "*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            // .tmp-<name...>-<pid>-<guid>: the pid is the second-to-last part.
            if (parts.Length >= 3 && int.TryParse(parts[^2], out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    FileTree.Delete(dir);
                    deleted++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Still mounted or not ours to delete: it is never read, so leaving it is safe.
                }
            }
        }

        return deleted;
    }

    /// <summary>The error for a cache directory cairn cannot use.</summary>
    internal static CairnException Failure(string path, Exception e) =>
        CairnException.Environment(SandboxErrorCodes.CacheFailed, $"cannot use the cache at {path}: {e.Message}",
            "check its permissions, or point XDG_CACHE_HOME at a writable directory", e);
}

namespace Cairn.Sandbox.Caching;

/// <summary>
/// An exclusive hold on a directory cairn processes share: a package pool (where apt takes its own lock and fails
/// rather than waits when another apt holds it), a project's build. It is a file in the directory opened without
/// sharing, which .NET takes as an advisory <c>flock</c>; the kernel lets go of it when the process ends, however
/// it ends, so a killed cairn never leaves a directory locked.
/// </summary>
public sealed class DirectoryLock : IDisposable
{
    private const string FileName = ".cairn-lock";

    /// <summary>The errno .NET reports when another holder has the lock (EWOULDBLOCK, as EAGAIN on Linux).</summary>
    private const int Held = 11;

    private readonly FileStream _file;

    private DirectoryLock(FileStream file) => _file = file;

    /// <summary>Waits until no other process (or other holder in this one) holds <paramref name="directory"/>, then holds it.</summary>
    /// <param name="onWait">Told once, when the directory is busy, so the user knows why nothing happens.</param>
    public static async Task<DirectoryLock> AcquireAsync(string directory, Action onWait, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        var told = false;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(directory);
                return new DirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e.HResult != Held))
            {
                throw CacheEntries.Failure(directory, e);
            }
            catch (IOException)
            {
                if (!told)
                {
                    told = true;
                    onWait();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}

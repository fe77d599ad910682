namespace Cairn.Oci.Storage;

/// <summary>Writes a file under a temp name in its own directory, then renames it, so the final name only ever holds a complete file.</summary>
internal static class AtomicFile
{
    /// <summary>Creates <paramref name="path"/> with what <paramref name="write"/> writes; CAIRN5008 on I/O failure.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".partial-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

                // On disk before the rename, so a crash cannot leave the final name pointing at missing data.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw OciErrors.UnwritableOutput(full, e.Message, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Creates <paramref name="path"/> holding <paramref name="bytes"/>.</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temp name is never mistaken for the output.
        }
    }
}

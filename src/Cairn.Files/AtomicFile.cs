using System.Text;

namespace Cairn.Files;

/// <summary>
/// Writes a file under a temp name in its own directory, flushes it to disk, then renames it: the final name only
/// ever holds a complete file, whatever kills the writer (docs/reliability.md). The one way cairn writes a file that
/// a later command reads back: state, cache records, layers' records, the rock itself.
/// </summary>
/// <remarks>
/// I/O errors are thrown as they come (after the temp file is removed); the caller knows what the file is and so
/// which error to report. A temp file left by a killed writer is named <c>.NAME.partial-*</c>, never NAME.
/// </remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> writes to the stream it is given.</summary>
    /// <param name="replace">False: fail with an IOException, and leave it alone, when <paramref name="path"/> exists.</param>
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken, bool replace = true)
    {
        var full = Path.GetFullPath(path);
        var temp = TempPathFor(full);
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

            File.Move(temp, full, overwrite: replace);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="path"/> holding <paramref name="bytes"/>.</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken, bool replace = true) =>
        WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken, replace);

    /// <summary>Writes <paramref name="path"/> holding <paramref name="bytes"/>, synchronously.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, bool replace = true)
    {
        var full = Path.GetFullPath(path);
        var temp = TempPathFor(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: replace);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="path"/> holding <paramref name="text"/> in UTF-8 (no byte order mark).</summary>
    public static void Write(string path, string text, bool replace = true) => Write(path, Utf8.GetBytes(text), replace);

    /// <summary>
    /// Makes <paramref name="path"/> a copy of <paramref name="source"/>: its bytes and its permission bits (a copied
    /// executable stays executable).
    /// </summary>
    public static void Copy(string source, string path)
    {
        var full = Path.GetFullPath(path);
        var temp = TempPathFor(full);
        try
        {
            File.Copy(source, temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                stream.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// A temp name beside <paramref name="path"/>, unique to this call: hidden, on the same file system (so the
    /// rename is atomic), and never taken for the file itself.
    /// </summary>
    public static string TempPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".partial-" + Guid.NewGuid().ToString("N")[..12]);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp name is never mistaken for the output.
        }
    }
}

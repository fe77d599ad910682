using System.Formats.Tar;
using System.IO.Compression;

namespace Cairn.Oci.Layers;

/// <summary>
/// Reads a base root filesystem tar (what mmdebstrap writes: <c>./</c>-prefixed names, PAX or GNU headers,
/// possibly device nodes) into cairn's entry model, in archive order. The BCL reader is used here because it
/// understands every format a tool may write; only writing needs byte control.
/// </summary>
internal static class BaseTarReader
{
    /// <summary>
    /// Calls <paramref name="onEntry"/> for each file, directory, symlink and hard link (with the entry's data
    /// stream for files, to be read before returning); returns the paths left out (devices, fifos, other kinds).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(
        string tarPath, Func<LayerEntry, TarHeader, Stream?, Task> onEntry, CancellationToken cancellationToken)
    {
        var omitted = new List<string>();
        try
        {
            await using var file = new FileStream(tarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            await using var input = await IsGzipAsync(file, cancellationToken).ConfigureAwait(false)
                ? new GZipStream(file, CompressionMode.Decompress)
                : (Stream)file;
            await using var reader = new TarReader(input);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } raw)
            {
                var path = NormaliseName(raw.Name, tarPath);
                if (path is null)
                    continue;
                if (Map(raw, path, tarPath) is not { } mapped)
                {
                    omitted.Add(path);
                    continue;
                }

                await onEntry(mapped.Entry, mapped.Header, mapped.Entry.Kind == LayerEntryKind.File ? raw.DataStream ?? Stream.Null : null).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw OciErrors.UnreadableTar(tarPath, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OciErrors.UnreadableTar(tarPath, e.Message, e);
        }

        return omitted;
    }

    private static async Task<bool> IsGzipAsync(FileStream file, CancellationToken cancellationToken)
    {
        var magic = new byte[2];
        var read = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    // Null for the root directory entry ("./"), which a layer does not list.
    private static string? NormaliseName(string name, string tarPath)
    {
        var trimmed = name.Trim('/');
        if (trimmed is "" or ".")
            return null;
        try
        {
            return EntryPath.Normalise(trimmed);
        }
        catch (Diagnostics.CairnException e)
        {
            throw OciErrors.UnreadableTar(tarPath, $"entry '{name}' has an unsafe path", e);
        }
    }

    private static (LayerEntry Entry, TarHeader Header)? Map(TarEntry raw, string path, string tarPath)
    {
        var kind = raw.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => LayerEntryKind.File,
            TarEntryType.Directory => LayerEntryKind.Directory,
            TarEntryType.SymbolicLink => LayerEntryKind.Symlink,
            TarEntryType.HardLink => LayerEntryKind.Hardlink,
            _ => (LayerEntryKind?)null,
        };
        if (kind is null)
            return null;

        var (userName, groupName) = raw is PosixTarEntry posix ? (posix.UserName, posix.GroupName) : ("", "");
        var owner = new FileOwner(raw.Uid, raw.Gid, NullIfEmpty(userName), NullIfEmpty(groupName));
        var link = kind switch
        {
            LayerEntryKind.Symlink => raw.LinkName,
            LayerEntryKind.Hardlink => NormaliseName(raw.LinkName, tarPath),
            _ => null,
        };
        var mode = (int)raw.Mode & 0xFFF;
        var entry = new LayerEntry { Path = path, Kind = kind.Value, Mode = mode, Owner = owner, LinkTarget = link };
        var (type, name) = kind switch
        {
            LayerEntryKind.Directory => (TarHeader.DirectoryType, path + "/"),
            LayerEntryKind.Symlink => (TarHeader.SymlinkType, path),
            LayerEntryKind.Hardlink => (TarHeader.HardlinkType, path),
            _ => (TarHeader.RegularType, path),
        };
        var size = kind == LayerEntryKind.File ? raw.Length : 0;
        return (entry, new TarHeader(name, type, mode, owner, size, raw.ModificationTime.ToUnixTimeSeconds(), link));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Cairn.Oci.Tests;

/// <summary>
/// A <c>tar tv</c>-style listing read with the BCL's TarReader, an implementation independent of cairn's writer:
/// type, mode, uid/gid, names, mtime, size, name and link target of every entry, plus PAX records.
/// </summary>
internal static class TarListing
{
    public static string OfGzipFile(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return Of(gzip);
    }

    public static string OfFile(string path)
    {
        using var file = File.OpenRead(path);
        return Of(file);
    }

    public static string Of(Stream tar) => string.Join('\n', Entries(tar).Select(Line)) + "\n";

    public static List<TarEntry> Entries(Stream tar)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry(copyData: true) is { } entry)
            entries.Add(entry);
        return entries;
    }

    public static List<TarEntry> EntriesOfGzipFile(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return Entries(gzip);
    }

    private static string Line(TarEntry e)
    {
        var sb = new StringBuilder();
        var type = e.EntryType switch
        {
            TarEntryType.Directory => 'd',
            TarEntryType.SymbolicLink => 'l',
            TarEntryType.HardLink => 'h',
            _ => '-',
        };
        sb.Append(type).Append(' ').Append(Convert.ToString((int)e.Mode, 8).PadLeft(4, '0'))
            .Append(' ').Append(e.Uid.ToString(CultureInfo.InvariantCulture)).Append('/').Append(e.Gid.ToString(CultureInfo.InvariantCulture));
        if (e is PosixTarEntry posix)
            sb.Append(' ').Append(posix.UserName.Length == 0 ? "-" : posix.UserName).Append('/').Append(posix.GroupName.Length == 0 ? "-" : posix.GroupName);
        sb.Append(' ').Append(e.ModificationTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(e.Length.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(e.Name);
        if (e.LinkName.Length > 0)
            sb.Append(" -> ").Append(e.LinkName);
        if (e is PaxTarEntry pax)
            sb.Append(" pax{").Append(string.Join(',', pax.ExtendedAttributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key))).Append('}');
        return sb.ToString();
    }
}

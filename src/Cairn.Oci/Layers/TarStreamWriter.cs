using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cairn.Oci.Layers;

/// <summary>
/// Writes a POSIX tar stream whose bytes depend only on the headers and content given. Fields that fit are
/// written as USTAR (long paths split into prefix and name); what does not fit (paths over 255 bytes, link
/// targets over 100, ids over 2097151, names over 32 bytes, sizes of 8 GiB and more) goes into a PAX extended
/// header named <c>PaxHeaders/&lt;base name&gt;</c>, never <c>PaxHeaders.&lt;pid&gt;</c>, with only those
/// records, sorted, and never atime or ctime. The BCL's TarWriter is not used because it names PAX headers
/// after the process id and adds access and change times.
/// </summary>
internal sealed class TarStreamWriter(Stream output)
{
    private const int BlockSize = 512;
    private const long MaxOctal7 = 0x1FFFFF; // 7 octal digits: 2097151
    private const long MaxOctal11 = 0x1FFFFFFFF; // 11 octal digits: 8 GiB - 1
    private const int CopyBufferSize = 1 << 20;

    private static readonly byte[] Zeros = new byte[BlockSize];

    private readonly byte[] _header = new byte[BlockSize];

    /// <summary>Writes one entry; <paramref name="content"/> must give exactly <see cref="TarHeader.Size"/> bytes.</summary>
    public async Task WriteEntryAsync(TarHeader header, Stream? content, string contentSource, CancellationToken cancellationToken)
    {
        var pax = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var (prefix, name) = SplitName(header.Name, pax);
        var linkName = header.LinkName ?? "";
        if (Encoding.UTF8.GetByteCount(linkName) > 100)
            pax["linkpath"] = linkName;
        if (header.Owner.Uid > MaxOctal7)
            pax["uid"] = header.Owner.Uid.ToString(CultureInfo.InvariantCulture);
        if (header.Owner.Gid > MaxOctal7)
            pax["gid"] = header.Owner.Gid.ToString(CultureInfo.InvariantCulture);
        if (Encoding.UTF8.GetByteCount(header.Owner.UserName ?? "") > 32)
            pax["uname"] = header.Owner.UserName!;
        if (Encoding.UTF8.GetByteCount(header.Owner.GroupName ?? "") > 32)
            pax["gname"] = header.Owner.GroupName!;
        if (header.Size > MaxOctal11)
            pax["size"] = header.Size.ToString(CultureInfo.InvariantCulture);

        if (pax.Count > 0)
            await WritePaxHeaderAsync(header, pax, cancellationToken).ConfigureAwait(false);

        FillHeader(header, prefix, name, pax);
        await output.WriteAsync(_header, cancellationToken).ConfigureAwait(false);
        if (header.Size > 0)
        {
            await CopyExactlyAsync(content!, header.Size, contentSource, cancellationToken).ConfigureAwait(false);
            await WritePaddingAsync(header.Size, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the end-of-archive marker (two zero blocks).</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        Array.Clear(_header);
        await output.WriteAsync(_header, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(_header, cancellationToken).ConfigureAwait(false);
    }

    private async Task WritePaxHeaderAsync(TarHeader header, SortedDictionary<string, string> records, CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in records)
            body.Append(PaxRecord(key, value));
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        var baseName = header.Name.TrimEnd('/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        var paxHeader = new TarHeader(
            TruncateUtf8("PaxHeaders/" + baseName, 100), TarHeader.PaxExtendedType, 0b110_100_100, FileOwner.Root,
            bytes.Length, header.ModificationTime, null);
        FillHeader(paxHeader, "", paxHeader.Name, new SortedDictionary<string, string>());
        await output.WriteAsync(_header, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await WritePaddingAsync(bytes.Length, cancellationToken).ConfigureAwait(false);
    }

    // A record is "<length> <key>=<value>\n" where length counts the whole record, its own digits included.
    private static string PaxRecord(string key, string value)
    {
        var rest = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 3; // ' ', '=', '\n'
        var length = rest + 1;
        while (length.ToString(CultureInfo.InvariantCulture).Length + rest != length)
            length++;
        return $"{length} {key}={value}\n";
    }

    private static (string Prefix, string Name) SplitName(string path, SortedDictionary<string, string> pax)
    {
        if (Encoding.UTF8.GetByteCount(path) <= 100)
            return ("", path);

        // USTAR: prefix (<= 155 bytes) + '/' + name (<= 100 bytes), split at a slash.
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var prefix = path[..slash];
            var name = path[(slash + 1)..];
            if (Encoding.UTF8.GetByteCount(prefix) > 155)
                break;
            if (name.Length > 0 && Encoding.UTF8.GetByteCount(name) <= 100)
                return (prefix, name);
        }

        pax["path"] = path;
        return ("", TruncateUtf8(path, 100));
    }

    private static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
            return text;
        var end = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > maxBytes)
            end--;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
            end--;
        return text[..end];
    }

    private void FillHeader(TarHeader header, string prefix, string name, SortedDictionary<string, string> pax)
    {
        var h = _header.AsSpan();
        h.Clear();
        Encoding.UTF8.GetBytes(name, h[..100]);
        WriteOctal(h.Slice(100, 8), header.Mode);
        WriteOctal(h.Slice(108, 8), pax.ContainsKey("uid") ? 0 : header.Owner.Uid);
        WriteOctal(h.Slice(116, 8), pax.ContainsKey("gid") ? 0 : header.Owner.Gid);
        WriteOctal(h.Slice(124, 12), pax.ContainsKey("size") ? 0 : header.Size);
        WriteOctal(h.Slice(136, 12), header.ModificationTime);
        h[156] = header.TypeFlag;
        if (!pax.ContainsKey("linkpath") && header.LinkName is not null)
            Encoding.UTF8.GetBytes(header.LinkName, h.Slice(157, 100));
        "ustar\0"u8.CopyTo(h.Slice(257, 6));
        "00"u8.CopyTo(h.Slice(263, 2));
        if (!pax.ContainsKey("uname") && header.Owner.UserName is not null)
            Encoding.UTF8.GetBytes(header.Owner.UserName, h.Slice(265, 32));
        if (!pax.ContainsKey("gname") && header.Owner.GroupName is not null)
            Encoding.UTF8.GetBytes(header.Owner.GroupName, h.Slice(297, 32));
        WriteOctal(h.Slice(329, 8), 0);
        WriteOctal(h.Slice(337, 8), 0);
        Encoding.UTF8.GetBytes(prefix, h.Slice(345, 155));

        // The checksum is computed with its own field read as eight spaces.
        h.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in h)
            sum += b;
        WriteOctal(h.Slice(148, 7), sum);
        h[155] = (byte)' ';
    }

    // Zero-padded octal digits filling the field but its last byte, which stays NUL.
    private static void WriteOctal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        for (var i = digits - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }

        field[digits] = 0;
    }

    private async Task CopyExactlyAsync(Stream content, long size, string source, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var left = size;
            while (left > 0)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    throw OciErrors.UnreadableContent(source, $"it became shorter while it was read ({size - left} of {size} bytes)");
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }

            if (await content.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) != 0)
                throw OciErrors.UnreadableContent(source, $"it grew while it was read (expected {size} bytes)");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WritePaddingAsync(long size, CancellationToken cancellationToken)
    {
        var padding = (int)((BlockSize - (size % BlockSize)) % BlockSize);
        if (padding > 0)
            await output.WriteAsync(Zeros.AsMemory(0, padding), cancellationToken).ConfigureAwait(false);
    }
}

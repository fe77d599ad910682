using System.Text;

namespace Cairn.Http;

/// <summary>A request's line and header fields, parsed from the bytes before the empty line.</summary>
internal sealed record HttpHead(string Method, string Target, string Version, List<KeyValuePair<string, string>> Headers)
{
    /// <summary>
    /// Looks for the end of a head in the bytes received so far, enforcing the request-line, head-size and header-count
    /// limits as bytes arrive (so an oversized head or garbage is refused without waiting for its end). Lines end in CRLF or a bare
    /// LF, as RFC 9112 §2.2 allows a server to accept. Returns 0 with <paramref name="headEnd"/> past the empty line, 0
    /// with -1 when more bytes are needed, or the status to refuse with.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> received, HttpLimits limits, out int headEnd)
    {
        headEnd = -1;
        var lines = 0;
        var position = 0;
        while (true)
        {
            var newline = received[position..].IndexOf((byte)'\n');
            var lineLength = newline < 0 ? received.Length - position : newline;
            if (lines == 0)
            {
                var requestLine = TrimCr(received[..lineLength]);
                if (requestLine.Length > limits.MaxRequestLineBytes) return 414;
                // Bytes that cannot start a method (TLS, binary noise) are refused at once, not after a timeout.
                var space = requestLine.IndexOf((byte)' ');
                var method = space < 0 ? requestLine : requestLine[..space];
                if ((space == 0 || !method.IsEmpty) && !IsToken(method)) return 400;
            }

            if (newline < 0) return received.Length >= limits.MaxHeaderBytes ? 431 : 0;
            var line = TrimCr(received.Slice(position, newline));
            position += newline + 1;
            if (position > limits.MaxHeaderBytes) return 431;
            if (line.IsEmpty)
            {
                if (lines == 0) return 400;
                headEnd = position;
                return 0;
            }

            if (++lines > limits.MaxHeaderCount + 1) return 431;
        }
    }

    /// <summary>Parses a whole head (as <see cref="Scan"/> delimited it); returns 0 and the head, or the status to refuse with.</summary>
    public static int Parse(ReadOnlySpan<byte> head, out HttpHead? result)
    {
        result = null;
        var newline = head.IndexOf((byte)'\n');
        var requestLine = TrimCr(head[..newline]);
        var rest = head[(newline + 1)..];

        var firstSpace = requestLine.IndexOf((byte)' ');
        var lastSpace = requestLine.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) return 400;
        var method = requestLine[..firstSpace];
        var target = requestLine[(firstSpace + 1)..lastSpace];
        var version = requestLine[(lastSpace + 1)..];
        if (!IsToken(method) || target.IsEmpty || target[0] != '/' || !IsVisible(target)) return 400;
        if (!version.SequenceEqual("HTTP/1.1"u8) && !version.SequenceEqual("HTTP/1.0"u8))
            return version.Length == 8 && version.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)version[5]) && version[6] == '.' && char.IsAsciiDigit((char)version[7]) ? 505 : 400;

        var headers = new List<KeyValuePair<string, string>>();
        while (!rest.IsEmpty)
        {
            newline = rest.IndexOf((byte)'\n');
            var line = TrimCr(newline < 0 ? rest : rest[..newline]);
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            if (line.IsEmpty) break;
            // No whitespace before the colon and no folded lines (RFC 9112 §5.1, §5.2): both have smuggled requests.
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon])) return 400;
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (!IsFieldValue(value)) return 400;
            headers.Add(new(Encoding.ASCII.GetString(line[..colon]), Encoding.Latin1.GetString(value)));
        }

        result = new HttpHead(Encoding.ASCII.GetString(method), Encoding.ASCII.GetString(target), Encoding.ASCII.GetString(version), headers);
        return 0;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => line is [.., (byte)'\r'] ? line[..^1] : line;

    /// <summary>RFC 9110 token: the characters of methods and field names.</summary>
    private static bool IsToken(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
            if (!(char.IsAsciiLetterOrDigit((char)b) || "!#$%&'*+-.^_`|~"u8.Contains(b)))
                return false;
        return !text.IsEmpty;
    }

    private static bool IsVisible(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)0x21, (byte)0x7e);

    /// <summary>Visible characters, spaces, tabs and obs-text; no other control characters.</summary>
    private static bool IsFieldValue(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
            if (b is < 0x20 and not (byte)'\t' or 0x7f)
                return false;
        return true;
    }
}

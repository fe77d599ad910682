using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Cairn.Oci.Json;

namespace Cairn.Oci;

/// <summary>
/// A content digest as the OCI image spec writes it: <c>sha256:</c> followed by 64 lower-case hex digits
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests). Only sha256 is
/// supported: it is the one algorithm every OCI tool must accept, and cairn writes nothing else.
/// </summary>
[JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest
{
    /// <summary>The algorithm prefix, without the colon.</summary>
    public const string Sha256Algorithm = "sha256";

    private const int HexLength = 64;

    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lower-case hex digits of the sha256 hash.</summary>
    public string Hex { get; }

    /// <summary>The algorithm; always <see cref="Sha256Algorithm"/>.</summary>
    public string Algorithm => Sha256Algorithm;

    /// <summary>The digest of <paramref name="content"/>.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>The digest of everything left in <paramref name="stream"/>.</summary>
    public static Digest Compute(Stream stream) => FromHash(SHA256.HashData(stream));

    /// <summary>The digest of everything left in <paramref name="stream"/>.</summary>
    public static async Task<Digest> ComputeAsync(Stream stream, CancellationToken cancellationToken = default) =>
        FromHash(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <summary>The digest whose sha256 hash is <paramref name="hash"/> (32 bytes).</summary>
    public static Digest FromHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SHA256.HashSizeInBytes)
            throw new ArgumentException($"a sha256 hash has {SHA256.HashSizeInBytes} bytes, not {hash.Length}", nameof(hash));
        return new Digest(Convert.ToHexStringLower(hash));
    }

    /// <summary>Parses <c>sha256:&lt;64 hex&gt;</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static Digest Parse(string text) =>
        TryParse(text, out var digest) ? digest : throw new FormatException($"'{text}' is not a sha256 digest (sha256: and 64 lower-case hex digits)");

    /// <summary>Parses <c>sha256:&lt;64 hex&gt;</c>; false for anything else (other algorithms, upper case, wrong length).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest)
    {
        digest = default;
        const string prefix = Sha256Algorithm + ":";
        if (text is null || text.Length != prefix.Length + HexLength || !text.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var hex = text.AsSpan(prefix.Length);
        foreach (var c in hex)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
                return false;
        }

        digest = new Digest(hex.ToString());
        return true;
    }

    /// <summary>Parses 64 lower-case hex digits without the algorithm prefix (as Rockcraft stores the base digest).</summary>
    public static bool TryParseHex([NotNullWhen(true)] string? hex, out Digest digest) => TryParse(Sha256Algorithm + ":" + hex, out digest);

    /// <summary><c>sha256:&lt;hex&gt;</c>.</summary>
    public override string ToString() => Hex is null ? "" : Sha256Algorithm + ":" + Hex;
}

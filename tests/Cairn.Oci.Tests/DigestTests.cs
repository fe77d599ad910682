namespace Cairn.Oci.Tests;

public sealed class DigestTests
{
    private const string EmptySha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Compute_EmptyInput_IsTheKnownSha256()
    {
        Assert.Equal(EmptySha256, Digest.Compute([]).ToString());
    }

    [Fact]
    public void Parse_Format_RoundTrips()
    {
        var digest = Digest.Compute("hello"u8);
        var parsed = Digest.Parse(digest.ToString());
        Assert.Equal(digest, parsed);
        Assert.Equal(digest.ToString(), parsed.ToString());
        Assert.Equal("sha256", parsed.Algorithm);
        Assert.Equal(64, parsed.Hex.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555")]
    [InlineData("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void TryParse_Malformed_IsFalse(string text)
    {
        Assert.False(Digest.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Digest.Parse(text));
    }

    [Fact]
    public void TryParseHex_WithoutPrefix_GivesTheSameDigest()
    {
        Assert.True(Digest.TryParseHex(EmptySha256["sha256:".Length..], out var digest));
        Assert.Equal(EmptySha256, digest.ToString());
    }

    [Fact]
    public async Task ComputeAsync_Stream_EqualsComputeOfBytes()
    {
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        Assert.Equal(Digest.Compute(bytes), await Digest.ComputeAsync(new MemoryStream(bytes)));
        Assert.Equal(Digest.Compute(bytes), Digest.Compute(new MemoryStream(bytes)));
    }
}

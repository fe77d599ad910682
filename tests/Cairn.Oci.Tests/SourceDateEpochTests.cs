using Cairn.Diagnostics;
using Cairn.Oci.Layers;

namespace Cairn.Oci.Tests;

public sealed class SourceDateEpochTests
{
    [Theory]
    [InlineData(null, 0L)]
    [InlineData("", 0L)]
    [InlineData("1700000000", 1700000000L)]
    [InlineData(" 42 ", 42L)]
    public void Parse_ValidOrUnset_GivesSeconds(string? value, long expected)
    {
        Assert.Equal(expected, SourceDateEpoch.Parse(value).ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("yesterday")]
    [InlineData("99999999999999999999")]
    public void Parse_Malformed_IsCairn5004(string value)
    {
        var e = Assert.Throws<CairnException>(() => SourceDateEpoch.Parse(value));
        Assert.Equal("CAIRN5004", e.Diagnostics[0].Code);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }
}

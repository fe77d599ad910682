using Cairn.Build.Packing;

namespace Cairn.Build.Tests.Packing;

public class ImageLabelsTests
{
    private static readonly RockIdentity Rock = new("hello", "Hello", "0.1", "A summary.\n\n\nSecond line.", "The long\ndescription.\n", "Apache-2.0", "ubuntu@24.04", "amd64");

    [Fact]
    public void For_GivesTheOpenContainersLabels()
    {
        var labels = ImageLabels.For(Rock, DateTimeOffset.UnixEpoch, "abc123");

        Assert.Equal("0.1", labels["org.opencontainers.image.version"]);
        Assert.Equal("Hello", labels["org.opencontainers.image.title"]);
        Assert.Equal("1970-01-01T00:00:00+00:00", labels["org.opencontainers.image.created"]);
        Assert.Equal("A summary.\nSecond line.\n\nThe long\ndescription.", labels["org.opencontainers.image.description"]);
        Assert.Equal("Apache-2.0", labels["org.opencontainers.image.licenses"]);
        Assert.Equal("abc123", labels["org.opencontainers.image.base.digest"]);
    }

    [Fact]
    public void For_BareWithoutLicense_LeavesThoseLabelsOut()
    {
        var labels = ImageLabels.For(Rock with { License = null }, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), null);

        Assert.False(labels.ContainsKey("org.opencontainers.image.licenses"));
        Assert.False(labels.ContainsKey("org.opencontainers.image.base.digest"));
        Assert.Equal("2023-11-14T22:13:20+00:00", labels["org.opencontainers.image.created"]);
    }

    [Fact]
    public void RockMetadata_KeysSorted()
    {
        var yaml = RockMetadata.Render(Rock with { Summary = "A summary." }, DateTimeOffset.UnixEpoch, "abc123");

        Assert.Equal(
            "architecture: amd64\nbase: ubuntu@24.04\nbase-digest: abc123\ncreated: 1970-01-01T00:00:00+00:00\nname: hello\nsummary: A summary.\ntitle: Hello\nversion: 0.1\n",
            yaml);
    }
}

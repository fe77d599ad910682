using System.Text;
using Cairn.Oci.Json;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

public sealed class OciJsonTests
{
    private static readonly Digest ConfigDigest = Digest.Compute("config"u8);
    private static readonly Digest LayerDigest = Digest.Compute("layer"u8);

    internal static ImageConfig SampleConfig(IEnumerable<KeyValuePair<string, string>> labels) => new()
    {
        Created = DateTimeOffset.FromUnixTimeSeconds(1700000000).ToOffset(TimeSpan.FromHours(2)),
        Architecture = "amd64",
        Config = new ContainerConfig
        {
            User = "584792",
            ExposedPorts = ["8000/tcp", "9102/tcp", "8000/tcp"],
            Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=<b&c>+d"],
            Entrypoint = ["/usr/bin/pebble", "enter"],
            Cmd = [],
            WorkingDir = "/flask/app",
            Labels = new Dictionary<string, string>(labels),
        },
        RootFs = new RootFs { DiffIds = [LayerDigest] },
        History = [new HistoryEntry { CreatedBy = "cairn pack", Comment = "app" }, new HistoryEntry { CreatedBy = "env", EmptyLayer = true }],
    };

    private static KeyValuePair<string, string>[] Labels =>
    [
        new(AnnotationKeys.Version, "1.0"),
        new(AnnotationKeys.Title, "hello"),
        new(AnnotationKeys.Created, "2023-11-14T22:13:20+00:00"),
    ];

    [Fact]
    public void Serialize_Config_MatchesGolden()
    {
        Golden.Assert("tests/Cairn.Oci.Tests/Golden/config.expected", Encoding.UTF8.GetString(OciJson.Serialize(SampleConfig(Labels))));
    }

    [Fact]
    public void Serialize_Manifest_MatchesGolden()
    {
        var manifest = new ImageManifest
        {
            Config = new Descriptor { MediaType = MediaTypes.ImageConfig, Digest = ConfigDigest, Size = 123 },
            Layers = [new Descriptor { MediaType = MediaTypes.LayerGzip, Digest = LayerDigest, Size = 456 }],
            Annotations = new Dictionary<string, string> { [AnnotationKeys.Version] = "1.0", [AnnotationKeys.BaseDigest] = LayerDigest.Hex },
        };
        Golden.Assert("tests/Cairn.Oci.Tests/Golden/manifest.expected", Encoding.UTF8.GetString(OciJson.Serialize(manifest)));
    }

    [Fact]
    public void Serialize_Index_MatchesGolden()
    {
        var index = new ImageIndex
        {
            Manifests =
            [
                new Descriptor
                {
                    MediaType = MediaTypes.ImageManifest, Digest = ConfigDigest, Size = 789,
                    Annotations = new Dictionary<string, string> { [AnnotationKeys.RefName] = "1.0" },
                    Platform = new Platform("arm64", Variant: "v8"),
                },
            ],
        };
        Golden.Assert("tests/Cairn.Oci.Tests/Golden/index.expected", Encoding.UTF8.GetString(OciJson.Serialize(index)));
    }

    [Fact]
    public void Serialize_LabelsInAnyOrder_GivesTheSameBytes()
    {
        var forward = OciJson.Serialize(SampleConfig(Labels));
        var backward = OciJson.Serialize(SampleConfig(Labels.Reverse()));
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Serialize_IsCompactAndDoesNotEscapePlus()
    {
        var text = Encoding.UTF8.GetString(OciJson.Serialize(SampleConfig(Labels)));
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(": ", text, StringComparison.Ordinal);
        Assert.Contains("<b&c>+d", text, StringComparison.Ordinal);
        Assert.Contains("\"Cmd\":[]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Volumes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ThenSerialize_GivesTheSameBytes()
    {
        var config = OciJson.Serialize(SampleConfig(Labels));
        Assert.Equal(config, OciJson.Serialize(OciJson.DeserializeConfig(config)));

        var manifest = OciJson.Serialize(new ImageManifest
        {
            Config = new Descriptor { MediaType = MediaTypes.ImageConfig, Digest = ConfigDigest, Size = 1 },
            Layers = [],
        });
        Assert.Equal(manifest, OciJson.Serialize(OciJson.DeserializeManifest(manifest)));
    }

    [Fact]
    public void DeserializeConfig_ReadsSetsAndTimes()
    {
        var config = OciJson.DeserializeConfig(OciJson.Serialize(SampleConfig(Labels)));
        Assert.Equal(["8000/tcp", "9102/tcp"], config.Config.ExposedPorts);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), config.Created);
        Assert.Equal("hello", config.Config.Labels![AnnotationKeys.Title]);
        Assert.True(config.History[1].EmptyLayer);
    }
}

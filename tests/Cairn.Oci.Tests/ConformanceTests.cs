using System.Text.Json;
using Cairn.Oci.Images;
using Cairn.Oci.Layers;
using Cairn.Oci.Sinks;
using Cairn.Oci.Storage;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

/// <summary>Independent judges of what cairn writes: skopeo, umoci and podman must accept it. Images are synthetic; nothing is pulled.</summary>
public sealed class ConformanceTests
{
    private static async Task<(BuiltImage Image, string Archive, string Layout)> WriteSampleAsync(TempDirectory temp, string tag = "1.0", string appSource = "print('hi')\n")
    {
        var image = await SampleImage.BuildAsync(new BlobStore(temp.Combine("store")), appSource, tag);
        var archive = temp.Combine("hello_1.0_amd64.rock");
        await new OciArchiveSink(archive).WriteAsync(image);
        var layout = temp.Combine("layout");
        await new OciLayoutSink(layout).WriteAsync(image);
        return (image, archive, layout);
    }

    // As root, umoci applies the layers' owners (checked); otherwise it needs --rootless and owns everything itself.
    private static bool IsRoot => Environment.UserName == "root";

    private static string Unpack(TempDirectory temp, string layout)
    {
        var bundle = temp.Combine("bundle");
        ToolRun.Check("umoci", IsRoot ? ["unpack", "--image", $"{layout}:1.0", bundle] : ["unpack", "--rootless", "--image", $"{layout}:1.0", bundle]);
        return Path.Combine(bundle, "rootfs");
    }

    [ToolFact("skopeo")]
    public async Task Skopeo_InspectsTheArchiveAndTheLayout()
    {
        using var temp = new TempDirectory();
        var (image, archive, layout) = await WriteSampleAsync(temp);

        foreach (var reference in new[] { $"oci-archive:{archive}", $"oci:{layout}:1.0" })
        {
            using var json = JsonDocument.Parse(ToolRun.Check("skopeo", ["inspect", reference]));
            var root = json.RootElement;
            Assert.Equal(image.Digest.ToString(), root.GetProperty("Digest").GetString());
            Assert.Equal(image.Manifest.Layers.Select(l => l.Digest.ToString()), root.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal("amd64", root.GetProperty("Architecture").GetString());
            Assert.Equal("hello", root.GetProperty("Labels").GetProperty(AnnotationKeys.Title).GetString());
        }
    }

    [ToolFact("umoci")]
    public async Task Umoci_UnpacksTheLayoutWithOwnersModesAndLinks()
    {
        using var temp = new TempDirectory();
        var (_, _, layout) = await WriteSampleAsync(temp);
        var rootfs = Unpack(temp, layout);
        Assert.Equal("print('hi')\n", await File.ReadAllTextAsync(Path.Combine(rootfs, "flask/app/app.py")));
        Assert.Contains("_daemon_:x:584792", await File.ReadAllTextAsync(Path.Combine(rootfs, "etc/passwd")), StringComparison.Ordinal);
        Assert.Equal("usr/bin", new FileInfo(Path.Combine(rootfs, "bin")).LinkTarget);
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(rootfs, "usr/bin/hello")));
        Assert.Equal((UnixFileMode)0b1_111_111_111, File.GetUnixFileMode(Path.Combine(rootfs, "tmp")));
        if (IsRoot)
            Assert.Equal("584792:584792", ToolRun.Check("stat", ["-c", "%u:%g", Path.Combine(rootfs, "flask/app/app.py")]).Trim());
    }

    [ToolFact("podman")]
    public async Task Podman_LoadsTheArchive()
    {
        using var temp = new TempDirectory();
        var tag = "cairn-oci-test-" + Guid.NewGuid().ToString("N")[..8];
        // podman names the image by its config digest, the same for every run of a fixed sample: another run of this
        // test on the machine (podman's storage is shared) would remove it under this one. An app of its own makes it unique.
        var (image, archive, _) = await WriteSampleAsync(temp, tag, $"print('{tag}')\n");
        var environment = new Dictionary<string, string> { ["CONTAINERS_CONF"] = Repository.PathOf("scripts", "containers.conf") };
        var id = image.Manifest.Config.Digest.Hex;
        try
        {
            ToolRun.Check("podman", ["load", "-i", archive], environment);
            var inspected = ToolRun.Check("podman", ["image", "inspect", "--format", "{{.Id}} {{.Config.User}} {{.Architecture}}", id], environment);
            Assert.Equal($"{id} 584792 amd64", inspected.Trim());
        }
        finally
        {
            ToolRun.Run("podman", ["image", "rm", "--force", id], environment);
        }
    }

    [ToolFact("umoci")]
    public async Task Umoci_UnpacksAnImportedBaseWithHardlinksAndALayerOnTop()
    {
        using var temp = new TempDirectory();
        var store = new BlobStore(temp.Combine("store"));
        var options = new LayerWriterOptions { ModificationTime = SampleImage.Created };
        var base_ = await new BaseLayerImporter(store, options).ImportAsync(BaseLayerImporterTests.WriteBaseTar(temp.Combine("base.tar")));
        var app = await new LayerWriter(store, options).WriteAsync(
            [LayerEntry.File(base_.Index.Reroot("bin/gunicorn"), LayerContent.FromText("#!/usr/bin/python3\n"), 0b111_101_101)]);
        var image = await new ImageBuilder(Platform.LinuxAmd64).AddLayer(base_.Layer).AddLayer(app).BuildAsync(store, "1.0");
        var layout = temp.Combine("layout");
        await new OciLayoutSink(layout).WriteAsync(image);

        var rootfs = Unpack(temp, layout);
        Assert.Equal("#!/usr/bin/python3\n", await File.ReadAllTextAsync(Path.Combine(rootfs, "bin/gunicorn")));
        Assert.Equal("usr/bin", new FileInfo(Path.Combine(rootfs, "bin")).LinkTarget);
        Assert.Equal(
            ToolRun.Check("stat", ["-c", "%i", Path.Combine(rootfs, "usr/bin/python3")]),
            ToolRun.Check("stat", ["-c", "%i", Path.Combine(rootfs, "usr/bin/python3.12")]));
        Assert.False(File.Exists(Path.Combine(rootfs, "dev/null")));
    }
}

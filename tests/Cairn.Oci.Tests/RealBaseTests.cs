using Cairn.Oci.Images;
using Cairn.Oci.Layers;
using Cairn.Oci.Sinks;
using Cairn.Oci.Storage;
using Cairn.TestKit;

namespace Cairn.Oci.Tests;

/// <summary>
/// The library end to end on a real root filesystem: mmdebstrap's tar imported as the base, a layer on top
/// owned by uid 584792 and re-rooted through the base's symlinks, written as an archive, loaded and run by podman.
/// </summary>
public sealed class RealBaseTests
{
    [ToolFact("mmdebstrap", "podman")]
    public async Task MmdebstrapBase_PlusALayer_RunsInPodman()
    {
        using var temp = new TempDirectory();
        var tar = temp.Combine("base.tar");
        // A shared 2-core machine can take minutes for this; essential is the smallest variant with /bin/sh.
        ToolRun.Check("mmdebstrap", ["--variant=essential", "--quiet", "bookworm", tar], new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" }, timeoutMinutes: 10);

        var store = new BlobStore(temp.Combine("store"));
        var options = new LayerWriterOptions { ModificationTime = SourceDateEpoch.Parse("1700000000") };
        var base_ = await new BaseLayerImporter(store, options).ImportAsync(tar);
        var tag = "cairn-oci-real-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(base_.Index.TryGet(base_.Index.Reroot("bin/sh"), out _));
        var hello = base_.Index.Reroot("bin/cairn-hello");
        Assert.Equal(base_.Index.IsDirectoryLink("bin") ? "usr/bin/cairn-hello" : "bin/cairn-hello", hello);

        var daemon = new FileOwner(584792, 584792);
        var app = await new LayerWriter(store, options).WriteAsync(
        [
            LayerEntry.Directory("flask", owner: daemon),
            LayerEntry.Directory("flask/app", owner: daemon),
            LayerEntry.File("flask/app/app.py", LayerContent.FromText("print('hi')\n"), owner: daemon),
            LayerEntry.File(hello, LayerContent.FromText("#!/bin/sh\necho hello from cairn\n"), 0b111_101_101),
            // The base is reproducible, so without this every run would make the same image id, and another run of this
            // test on the machine (podman's storage is shared) could remove the image under this one.
            LayerEntry.File("etc/cairn-test-run", LayerContent.FromText(tag + "\n")),
        ]);
        var image = await new ImageBuilder(Platform.LinuxAmd64) { Created = options.ModificationTime }
            .AddLayer(base_.Layer, "mmdebstrap bookworm")
            .AddLayer(app, "app")
            .Configure(c => c with
            {
                User = "584792",
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                Entrypoint = ["/bin/sh", "-c"],
                Cmd = ["cairn-hello; id -u; stat -c '%u %a' /flask/app/app.py; cat /flask/app/app.py"],
            })
            .BuildAsync(store, tag);
        var archive = temp.Combine("real.rock");
        await new OciArchiveSink(archive).WriteAsync(image);

        var environment = new Dictionary<string, string> { ["CONTAINERS_CONF"] = Repository.PathOf("scripts", "containers.conf") };
        var id = image.Manifest.Config.Digest.Hex;
        try
        {
            ToolRun.Check("podman", ["load", "-i", archive], environment);
            var output = ToolRun.Check("podman", ["run", "--rm", "--network", "none", id], environment);
            Assert.Equal("hello from cairn\n584792\n584792 644\nprint('hi')\n", output);
        }
        finally
        {
            ToolRun.Run("podman", ["image", "rm", "--force", id], environment);
        }
    }
}

using Cairn.Oci.Images;
using Cairn.Oci.Layers;
using Cairn.Oci.Storage;

namespace Cairn.Oci.Tests;

/// <summary>A small synthetic rock-like image (no registry, nothing pulled): a base layer, an app layer, a config layer.</summary>
internal static class SampleImage
{
    public static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    public static readonly FileOwner Daemon = new(584792, 584792);

    public static async Task<BuiltImage> BuildAsync(BlobStore store, string appSource = "print('hi')\n", string tag = "1.0")
    {
        var writer = new LayerWriter(store, new LayerWriterOptions { ModificationTime = Created });
        var baseLayer = await writer.WriteAsync(
        [
            LayerEntry.Directory("usr/bin"),
            LayerEntry.Symlink("bin", "usr/bin"),
            LayerEntry.File("usr/bin/hello", LayerContent.FromText("#!/bin/sh\necho hello\n"), 0b111_101_101),
            LayerEntry.File("etc/passwd", LayerContent.FromText("root:x:0:0:root:/root:/bin/sh\n")),
            LayerEntry.Directory("tmp", 0b1_111_111_111),
        ]);
        var appLayer = await writer.WriteAsync(
        [
            LayerEntry.Directory("flask", owner: Daemon),
            LayerEntry.Directory("flask/app", owner: Daemon),
            LayerEntry.File("flask/app/app.py", LayerContent.FromText(appSource), owner: Daemon),
        ]);
        var usersLayer = await writer.WriteAsync(
        [
            LayerEntry.File("etc/passwd", LayerContent.FromText("root:x:0:0:root:/root:/bin/sh\n_daemon_:x:584792:584792::/var/lib/pebble/default:/usr/bin/false\n")),
            LayerEntry.File("etc/group", LayerContent.FromText("root:x:0:\n_daemon_:x:584792:\n")),
        ]);

        var builder = new ImageBuilder(Platform.LinuxAmd64) { Created = Created };
        builder.AddLayer(baseLayer, "base")
            .AddLayer(appLayer, "app", "the app")
            .AddLayer(usersLayer, "users", "Add user _daemon_:584792 with group _daemon_:584792")
            .Configure(c => c with
            {
                User = "584792",
                Entrypoint = ["/usr/bin/hello"],
                Cmd = [],
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                ExposedPorts = ["8000/tcp"],
            })
            .SetLabel(AnnotationKeys.Version, "1.0")
            .SetLabel(AnnotationKeys.Title, "hello")
            .SetAnnotation(AnnotationKeys.Version, "1.0")
            .SetAnnotation(AnnotationKeys.Title, "hello");
        return await builder.BuildAsync(store, tag);
    }
}

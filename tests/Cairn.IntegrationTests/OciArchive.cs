using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>Reads a .rock with the independent tools (skopeo, umoci) and, for layer digests, its index and manifest.</summary>
public static class OciArchive
{
    /// <summary><c>skopeo inspect</c>'s JSON for the archive (fails the test when skopeo rejects it).</summary>
    public static async Task<JsonElement> InspectAsync(string rock)
    {
        var result = await ExternalProcess.RunAsync(Tools.Require("skopeo"), ["inspect", $"oci-archive:{rock}"]);
        Assert.True(result.ExitCode == 0, $"skopeo inspect rejected {rock}: {result}");
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>The manifest's digest and its layers' digests, read from the archive's index.json and manifest blob.</summary>
    public static (string Manifest, IReadOnlyList<string> Layers) Digests(string rock)
    {
        var blobs = new Dictionary<string, byte[]>();
        using (var reader = new TarReader(File.OpenRead(rock)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is null || !(entry.Name is "index.json" || entry.Name.StartsWith("blobs/sha256/", StringComparison.Ordinal))) continue;
                using var copy = new MemoryStream();
                entry.DataStream.CopyTo(copy);
                if (entry.Name == "index.json" || copy.Length < 1_000_000) blobs[entry.Name] = copy.ToArray();
            }
        }

        var index = JsonDocument.Parse(blobs["index.json"]).RootElement;
        var manifestDigest = index.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        var manifest = JsonDocument.Parse(blobs["blobs/sha256/" + manifestDigest["sha256:".Length..]]).RootElement;
        var layers = manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
        return (manifestDigest, layers);
    }

    /// <summary>Unpacks the archive's image with <c>umoci unpack</c> (as root it keeps owners) and returns the rootfs.</summary>
    public static async Task<string> UnpackAsync(string rock, string into)
    {
        var layout = Path.Combine(into, "layout");
        Directory.CreateDirectory(layout);
        await using (var stream = File.OpenRead(rock))
            await TarFile.ExtractToDirectoryAsync(stream, layout, overwriteFiles: true);
        var tag = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json"))).RootElement
            .GetProperty("manifests")[0].GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString();
        var bundle = Path.Combine(into, "bundle");
        var args = new List<string> { "unpack", "--image", $"{layout}:{tag}", bundle };
        if (!Environment.IsPrivilegedProcess) args.Insert(1, "--rootless");
        var result = await ExternalProcess.RunAsync(Tools.Require("umoci"), args, timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"umoci unpack rejected {rock}: {result}");
        return Path.Combine(bundle, "rootfs");
    }
}

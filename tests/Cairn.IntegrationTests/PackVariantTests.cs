using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>Projects shaped differently from the template: extra Debian packages, dependencies in pyproject.toml only.</summary>
[Collection(nameof(RockCollection))]
public sealed class PackVariantTests
{
    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Pack_RuntimeDebsPartWithLibpq5_PutsLibpqInTheImage()
    {
        using var temp = new TempDirectory("cairn-variant");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "with-libpq");
        project.Edit(yaml => yaml.Replace("# parts:\n", "parts:\n  runtime-debs:\n    plugin: nil\n    stage-packages:\n      - libpq5\n", StringComparison.Ordinal));

        var rock = await project.PackAsync(temp.Combine("out"));

        var rootfs = await OciArchive.UnpackAsync(rock, temp.Combine("unpacked"));
        var libpq = Directory.GetFiles(Path.Combine(rootfs, "usr", "lib"), "libpq.so.5", SearchOption.AllDirectories);
        Assert.NotEmpty(libpq);
    }

    [ToolFact("skopeo", "mmdebstrap", "bwrap")]
    public async Task Pack_FormatOciDir_WritesALayoutHoldingTheSameImageAsTheRock()
    {
        using var temp = new TempDirectory("cairn-variant");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "layout");
        var rock = await project.PackAsync(temp.Combine("out"), 1_700_000_000);

        var packed = await CairnProcess.RunAsync(project.Directory, await project.PackEnvironmentAsync(1_700_000_000),
            "pack", "--output", temp.Combine("out"), "--format", "oci-dir");

        Assert.True(packed.ExitCode == 0, packed.ToString());
        var layout = packed.Stdout.Trim();
        Assert.Equal(temp.Combine("out", "layout_0.1_amd64"), layout);
        var inspected = await ExternalProcess.RunAsync(Tools.Require("skopeo"), ["inspect", $"oci:{layout}"]);
        Assert.True(inspected.ExitCode == 0, inspected.ToString());
        var index = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json"))).RootElement;
        var manifest = index.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        Assert.Equal(OciArchive.Digests(rock).Manifest, manifest);
        Assert.True(File.Exists(Path.Combine(layout, "blobs", "sha256", manifest["sha256:".Length..])));
    }

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Pack_PyprojectOnly_InstallsItsDependencies_AndServes()
    {
        using var temp = new TempDirectory("cairn-variant");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "pyproject-only");
        File.Delete(Path.Combine(project.Directory, "requirements.txt"));
        File.WriteAllText(Path.Combine(project.Directory, "pyproject.toml"),
            "[project]\nname = \"pyproject-only\"\nversion = \"0.1\"\ndependencies = [\"flask\"]\n\n[tool.setuptools]\npy-modules = [\"app\"]\n");

        var rock = await project.PackAsync(temp.Combine("out"));

        await using var image = await Podman.LoadAsync(rock);
        await image.StartAsync([]);
        Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/"));
    }
}

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
        await image.StartAsync();
        Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/"));
    }
}

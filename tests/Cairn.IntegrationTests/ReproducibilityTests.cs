using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>Two packs of the same project give the same bytes; an app edit moves exactly one layer.</summary>
[Collection(nameof(RockCollection))]
public sealed class ReproducibilityTests
{
    private const long Epoch = 1_700_000_000;

    [ToolFact("mmdebstrap", "bwrap", "skopeo")]
    public async Task Pack_InDifferentDirectoriesAndUmasks_GivesTheSameManifestDigest_AndAnAppEditChangesOnlyTheAppLayer()
    {
        using var temp = new TempDirectory("cairn-repro");
        var first = await FlaskProject.CreateAsync(temp.Combine("one"), "repro");
        var second = await FlaskProject.CreateAsync(temp.Combine("elsewhere", "two"), "repro");
        // A different umask for the second checkout's files and for its whole build.
        await ExternalProcess.RunAsync("chmod", ["-R", "go-rwx", second.Directory]);

        var rockA = await first.PackAsync(temp.Combine("out-a"), Epoch);
        var env = await second.PackEnvironmentAsync(Epoch);
        var packB = await ExternalProcess.RunAsync("sh", ["-c", "umask 077 && exec \"$0\" pack --output \"$1\"", CairnProcess.Executable, temp.Combine("out-b")],
            second.Directory, CairnProcess.WithPayload(env), TimeSpan.FromMinutes(20));
        Assert.True(packB.ExitCode == 0, packB.ToString());
        var rockB = packB.Stdout.Trim();

        var a = OciArchive.Digests(rockA);
        var b = OciArchive.Digests(rockB);
        Assert.Equal(a.Layers, b.Layers);
        Assert.Equal(a.Manifest, b.Manifest);

        File.AppendAllText(Path.Combine(first.Directory, "app.py"), "\n# edited\n");
        var rockC = await first.PackAsync(temp.Combine("out-c"), Epoch);
        var c = OciArchive.Digests(rockC);
        Assert.Equal(a.Layers.Count, c.Layers.Count);
        var changed = Enumerable.Range(0, a.Layers.Count).Where(i => a.Layers[i] != c.Layers[i]).ToList();
        // Layers: base, packages and venv, app, rock files. Only the app layer (index 2) may change.
        Assert.Equal([2], changed);
    }
}

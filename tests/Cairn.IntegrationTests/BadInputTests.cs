using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>A user's mistake ends in "cannot ...: why", exit code 1, and no half-written rock; the next pack works.</summary>
[Collection(nameof(RockCollection))]
public sealed class BadInputTests
{
    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Pack_BrokenProject_ReportsTheLine_AndWritesNothing()
    {
        using var temp = new TempDirectory("cairn-bad");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "broken");
        project.Edit(yaml => yaml.Replace("version: '0.1'", "version: '0.1'\nentrypoint: [/bin/sh]", StringComparison.Ordinal));

        var result = await project.PackRawAsync(temp.Combine("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rockcraft.yaml:", result.Stderr);
        Assert.Contains("cannot", result.Stderr);
        Assert.Empty(Directory.Exists(temp.Combine("out")) ? Directory.GetFileSystemEntries(temp.Combine("out")) : []);
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Pack_RequirementThatPipCannotFind_NamesItAndShowsPipsLastLines()
    {
        using var temp = new TempDirectory("cairn-bad");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "nopip", requirements: "Flask\nno-such-package-cairn==1.0\n");

        var result = await project.PackRawAsync(temp.Combine("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot build part 'flask-framework/dependencies'", result.Stderr);
        Assert.Contains("no-such-package-cairn", result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("out")) && Directory.GetFiles(temp.Combine("out"), "*.rock").Length > 0);
    }

    /// <summary>SOURCE_DATE_EPOCH dates every file of the rock: a value that is not seconds stops the command at once.</summary>
    [Theory]
    [InlineData("pack", "yesterday")]
    [InlineData("pack", "-1")]
    [InlineData("pack", "1.5")]
    [InlineData("pack", "99999999999999999999")]
    [InlineData("build", "2026-12-03")]
    [InlineData("clean", "yesterday")]
    public async Task MalformedSourceDateEpoch_Exits1_BeforeAnythingIsBuilt(string command, string value)
    {
        using var temp = new TempDirectory("cairn-bad");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "epoch");
        var environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = value };
        string[] args = command == "pack" ? ["pack", "--output", temp.Combine("out")] : [command];

        var result = await CairnProcess.RunAsync(project.Directory, environment, args);

        Assert.Equal(1, result.ExitCode);
        // The error is the first and only thing printed: no base, environment or step was started.
        Assert.StartsWith($"error: cannot use SOURCE_DATE_EPOCH '{value}': it is not a whole number of seconds", result.Stderr);
        Assert.Contains("hint: ", result.Stderr);
        Assert.Equal(2, result.Stderr.TrimEnd().Split('\n').Length);
        Assert.Equal("", result.Stdout);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Pack_Interrupted_LeavesNoRock_AndTheNextPackSucceeds()
    {
        using var temp = new TempDirectory("cairn-bad");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "interrupted");
        var output = temp.Combine("out");
        var env = await project.PackEnvironmentAsync();

        // Kill cairn (SIGKILL, no chance to clean up) while it writes the image's layers (which --verbose says as it begins).
        var script = "\"$0\" pack --verbose --output \"$1\" 2>\"$1.log\" & pid=$!; "
            + "while ! grep -q '^Writing the' \"$1.log\" 2>/dev/null; do kill -0 $pid 2>/dev/null || exit 3; sleep 0.05; done; kill -9 $pid; wait $pid; exit 0";
        Directory.CreateDirectory(output);
        var killed = await ExternalProcess.RunAsync("sh", ["-c", script, CairnProcess.Executable, output], project.Directory, CairnProcess.WithPayload(env), TimeSpan.FromMinutes(20));
        Assert.True(killed.ExitCode == 0, $"the pack ended before it could be interrupted: {killed}\n{File.ReadAllText(output + ".log")}");
        Assert.Empty(Directory.GetFiles(output, "*.rock"));

        var rock = await project.PackAsync(output);
        Assert.Single(Directory.GetFiles(output, "*.rock"));
        await OciArchive.InspectAsync(rock);
    }
}

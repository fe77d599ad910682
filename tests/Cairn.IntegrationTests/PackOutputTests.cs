using System.Text.RegularExpressions;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// What a real pack prints by default, to a pipe as in CI: a cold pack of a bare Flask project (made by init, then
/// `base: bare`) in at most 40 lines on stderr and a no-change pack in at most 10, the rock's path alone on stdout,
/// and the tools' output in the command's log file instead (docs/output.md).
/// </summary>
public sealed class PackOutputTests
{
    [ToolFact("mmdebstrap", "bwrap")]
    public async Task A_cold_pack_is_brief_a_no_change_pack_briefer_and_the_log_has_the_rest()
    {
        using var temp = new TempDirectory("cairn-pack-output");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "brief-output", "bare");
        var env = await project.PackEnvironmentAsync();
        env["XDG_STATE_HOME"] = temp.Combine("state");
        var output = temp.Combine("out");

        var cold = await CairnProcess.RunAsync(project.Directory, env, "pack", "--output", output);
        Assert.True(cold.ExitCode == 0, cold.ToString());
        var rock = Assert.Single(cold.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(File.Exists(rock), cold.ToString());
        var lines = cold.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length <= 40, $"a cold pack printed {lines.Length} lines on stderr:\n{cold.Stderr}");
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^Built flask-framework/dependencies \((\d+\.\d s|\d+ min \d\d s)\)$"));
        Assert.Contains(lines, l => l.StartsWith($"Packed {rock} (", StringComparison.Ordinal) && l.Contains(" MB) in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, "^  manifest sha256:[0-9a-f]{64}$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  packages +\d+\.\d MB  written$"));
        // No tool's own lines: no shell trace, no pip, no apt.
        Assert.DoesNotContain(lines, l => l.StartsWith("+ ", StringComparison.Ordinal) || l.StartsWith(":: ", StringComparison.Ordinal)
            || l.Contains("Successfully installed", StringComparison.Ordinal) || l.StartsWith("Get:", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', cold.Stderr);

        var log = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(temp.Combine("state"), "cairn", "log"))));
        Assert.Contains(":: Successfully installed", log, StringComparison.Ordinal);
        Assert.Contains(":: + ", log, StringComparison.Ordinal); // the steps' shell trace

        var again = await CairnProcess.RunAsync(project.Directory, env, "pack", "--output", output);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(cold.Stdout, again.Stdout);
        var briefer = again.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(briefer.Length <= 10, $"a no-change pack printed {briefer.Length} lines on stderr:\n{again.Stderr}");
        Assert.Equal("Skipped 32 steps of 8 parts: up to date", briefer[0]); // bare adds the runtime-libs part
        Assert.All(briefer.Where(l => Regex.IsMatch(l, @"^  (base|packages|app|rock) ")), l => Assert.EndsWith("  reused", l, StringComparison.Ordinal));
    }
}

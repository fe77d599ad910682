using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>
/// <c>cairn pack --dry-run</c> and <c>cairn prime --dry-run</c> through the real executable, over a cache in a temp
/// directory (<c>XDG_CACHE_HOME</c>) and a stand-in payload: the plan on stdout, exit 0, and nothing built.
/// </summary>
public sealed class DryRunTests : IDisposable
{
    private static readonly string[] FlaskParts =
    [
        "flask-framework/config-files", "flask-framework/dependencies", "flask-framework/install-app", "flask-framework/logging",
        "flask-framework/runtime", "flask-framework/statsd-exporter", "pebble",
    ];

    private readonly TempDirectory _home = new("cairn-dry-run");
    private readonly string _project;

    public DryRunTests()
    {
        _project = CliRun.ExampleProject(_home, "app");
        Assert.Equal(0, CliRun.In(_project, "init", "--profile", "flask-framework").ExitCode);
        // The plan needs cairn's daemons only as files to fingerprint: stand-ins do.
        _home.Write("payload/pebble", "pebble stand-in\n");
        _home.Write("payload/statsd_exporter", "statsd_exporter stand-in\n");
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Pack_dry_run_of_a_fresh_project_prints_every_step_to_run_and_builds_nothing()
    {
        var (exit, output, error) = await CairnAsync("pack", "--dry-run");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FlaskParts.Length * 4, lines.Length);
        Assert.All(lines, l => Assert.EndsWith(" (not done yet)", l, StringComparison.Ordinal));
        foreach (var part in FlaskParts)
            Assert.Equal(["pull", "build", "stage", "prime"], lines.Where(l => l.Split(' ')[1] == part).Select(l => l.Split(' ')[0]));
        Assert.Equal("pull flask-framework/config-files (not done yet)", lines[0]);
        Assert.Equal("prime pebble (not done yet)", lines[^1]);

        var cache = _home.Combine("cairn");
        var build = Assert.Single(Directory.GetDirectories(Path.Combine(cache, "projects")));
        foreach (var made in new[] { "parts", "stage", "prime", "oci" })
            Assert.False(Directory.Exists(Path.Combine(build, made)), $"a dry run made {made}/");
        foreach (var kind in new[] { "bases", "environments", "packages" })
            Assert.False(Directory.Exists(Path.Combine(cache, kind)), $"a dry run made the cache's {kind}/");
        Assert.Empty(Directory.GetFiles(_project, "*.rock"));
    }

    [Fact]
    public async Task Prime_dry_run_of_one_part_plans_that_part_only()
    {
        var (exit, output, error) = await CairnAsync("prime", "flask-framework/install-app", "--dry-run");

        Assert.True(exit == 0, error);
        Assert.Equal(
            "pull flask-framework/install-app (not done yet)\nbuild flask-framework/install-app (not done yet)\n" +
            "stage flask-framework/install-app (not done yet)\nprime flask-framework/install-app (not done yet)\n",
            output);
    }

    [Fact]
    public async Task After_a_pull_the_dry_run_skips_it_until_the_app_changes()
    {
        // install-app's pull copies the project and runs no command, so it needs no build environment either.
        var pull = await CairnAsync("pull", "flask-framework/install-app");
        Assert.True(pull.Exit == 0, pull.Error);

        var unchanged = await CairnAsync("pull", "flask-framework/install-app", "flask-framework/config-files", "--dry-run");
        File.AppendAllText(Path.Combine(_project, "app.py"), "# edited\n");
        var edited = await CairnAsync("build", "flask-framework/install-app", "--dry-run");

        Assert.Equal("pull flask-framework/config-files (not done yet)\nskip pull flask-framework/install-app (up to date)\n", unchanged.Output);
        Assert.Equal("pull flask-framework/install-app (its inputs changed: source files)\nbuild flask-framework/install-app (not done yet)\n", edited.Output);
        Assert.False(Directory.Exists(_home.Combine("cairn", "environments")), "no step needed a build environment");
    }

    [Fact]
    public void Dry_run_with_a_shell_is_a_usage_error()
    {
        var run = CliRun.In(_project, "build", "--dry-run", "--shell");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot use --dry-run with --shell or --shell-after", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs the real cairn (the published Native AOT binary) in the project, with the temp cache and payload.</summary>
    private async Task<(int Exit, string Output, string Error)> CairnAsync(params string[] args)
    {
        var run = await CliRun.PublishedAsync(_project, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = _home.Path, ["CAIRN_PAYLOAD"] = _home.Combine("payload") }, args);
        return (run.ExitCode, run.Out, run.Error);
    }
}

using System.Text.RegularExpressions;
using Cairn.Bases;
using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>
/// What <c>cairn pack</c> prints, in-process on a <c>bare</c> project of one dump part built on the host
/// (destructive mode) with stand-in daemons: the brief output of a cold, a no-change and a failing pack, for a
/// terminal and for a pipe (goldens; a manual clock that never moves makes every time 0.0 s), the log file, and
/// the verbosity flags. Real packs on real bases are counted in the integration tests (PackOutputIntegrationTests).
/// </summary>
public sealed partial class PackOutputTests : IDisposable
{
    private readonly OneFileProject _one = new("output-test", DebianArchitecture.Host);
    private readonly TempDirectory _home;
    private readonly string _project;
    private readonly Dictionary<string, string> _variables;

    public PackOutputTests()
    {
        _home = _one.Home;
        _project = _one.Directory;
        _variables = _one.Variables;
    }

    public void Dispose() => _one.Dispose();

    private string LogDirectory => _home.Combine("state", "cairn", "log");

    [Theory]
    [InlineData("pipe")]
    [InlineData("terminal")]
    public void Cold_no_change_and_failing_packs_print_as_the_goldens(string stderr)
    {
        var terminal = stderr == "terminal";
        var cold = Pack(terminal, "pack", "--destructive-mode");
        Assert.True(cold.ExitCode == 0, cold.Error);
        Assert.Equal(Path.Combine(_project, $"output-test_1.0_{DebianArchitecture.Host}.rock") + "\n", cold.Out);
        Golden.Assert($"tests/Cairn.Cli.Tests/Golden/pack/cold.{stderr}.txt", Visible(cold.Error), Replacements());

        var again = Pack(terminal, "pack", "--destructive-mode");
        Assert.True(again.ExitCode == 0, again.Error);
        Golden.Assert($"tests/Cairn.Cli.Tests/Golden/pack/no-change.{stderr}.txt", Visible(again.Error), Replacements());

        File.AppendAllText(Path.Combine(_project, "rockcraft.yaml"), """

                broken:
                    plugin: nil
                    override-build: |
                        echo compiling the thing >&2
                        echo the thing does not compile >&2
                        exit 3

            """);
        var failed = Pack(terminal, "pack", "--destructive-mode");
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("", failed.Out);
        Golden.Assert($"tests/Cairn.Cli.Tests/Golden/pack/failing.{stderr}.txt", Visible(failed.Error), Replacements());
    }

    [Fact]
    public void The_log_holds_the_tools_output_with_times_and_a_failure_names_it()
    {
        Assert.Equal(0, Pack(false, "pack", "--destructive-mode").ExitCode);
        var first = Assert.Single(Directory.GetFiles(LogDirectory));
        var log = File.ReadAllLines(first);
        Assert.All(log, l => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ", l));
        Assert.Contains(log, l => l.EndsWith(" cairn 0.1.0: cairn pack --destructive-mode (in " + _project + ")", StringComparison.Ordinal));
        // The dump plugin's shell trace: brief shows none of it, the log all of it.
        Assert.Contains(log, l => l.Contains(":: + cp --archive --link --no-dereference", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("build files: runs (not done yet)", StringComparison.Ordinal));

        File.AppendAllText(Path.Combine(_project, "rockcraft.yaml"), "\n    broken:\n        plugin: nil\n        override-build: echo the secret cause; exit 3\n");
        var failed = Pack(false, "pack", "--destructive-mode");
        Assert.Equal(1, failed.ExitCode);
        var named = LogLine().Match(failed.Error);
        Assert.True(named.Success, failed.Error);
        Assert.NotEqual(first, named.Groups[1].Value);
        var failedLog = File.ReadAllText(named.Groups[1].Value);
        Assert.Contains(":: the secret cause", failedLog, StringComparison.Ordinal);
        Assert.Contains("cannot build part 'broken'", failedLog, StringComparison.Ordinal);
        Assert.Contains("Building broken: did not finish", failedLog, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_before_anything_ran_is_all_there_is_to_say_so_the_log_is_not_named()
    {
        File.WriteAllText(Path.Combine(_project, "rockcraft.yaml"), "name: [broken\n");
        var failed = Pack(false, "pack", "--destructive-mode");
        Assert.Equal(1, failed.ExitCode);
        Assert.StartsWith(Path.Combine(_project, "rockcraft.yaml") + ":", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("the log of this command", failed.Error, StringComparison.Ordinal);
        // The log still has the command and its error.
        Assert.Contains("cannot parse YAML", File.ReadAllText(Assert.Single(Directory.GetFiles(LogDirectory))), StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_prints_only_the_path_and_verbose_shows_the_tools_lines()
    {
        var quiet = Pack(false, "pack", "--destructive-mode", "--quiet");
        Assert.True(quiet.ExitCode == 0, quiet.Error);
        Assert.Equal("", quiet.Error);
        Assert.EndsWith(".rock\n", quiet.Out, StringComparison.Ordinal);
        Assert.Single(quiet.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        File.AppendAllText(Path.Combine(_project, "files", "etc", "greeting"), "again\n");
        var verbose = Pack(false, "pack", "--destructive-mode", "-v");
        Assert.True(verbose.ExitCode == 0, verbose.Error);
        var lines = verbose.Error.Split('\n');
        Assert.Contains("Building files", lines);
        Assert.Contains(lines, l => l.StartsWith(":: + cp --archive", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Built files (", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', verbose.Error);

        var debug = Pack(false, "pack", "--destructive-mode", "--verbosity=debug");
        Assert.Contains(debug.Error.Split('\n'), l => Regex.IsMatch(l, @"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} build files: skipped \(up to date\)$"));
        Assert.DoesNotContain(" running ", debug.Error, StringComparison.Ordinal);

        // Each command cairn runs, at trace only: the dump step's script once the file changes again.
        File.AppendAllText(Path.Combine(_project, "files", "etc", "greeting"), "and again\n");
        var trace = Pack(false, "pack", "--destructive-mode", "--verbosity=trace");
        Assert.Contains(trace.Error.Split('\n'), l => Regex.IsMatch(l, @"^\S+ \S+ running .*bash .*/build\.sh"));
    }

    [Fact]
    public void CRAFT_VERBOSITY_LEVEL_sets_the_default_a_flag_wins_and_a_bad_value_is_warned_of()
    {
        _variables["CRAFT_VERBOSITY_LEVEL"] = "QUIET";
        var quiet = Pack(false, "pack", "--destructive-mode");
        Assert.True(quiet.ExitCode == 0, quiet.Error);
        Assert.Equal("", quiet.Error);

        var brief = Pack(false, "pack", "--destructive-mode", "--verbosity", "brief");
        Assert.StartsWith("Skipped ", brief.Error, StringComparison.Ordinal);

        _variables["CRAFT_VERBOSITY_LEVEL"] = "loud";
        var warned = Pack(false, "pack", "--destructive-mode");
        Assert.True(warned.ExitCode == 0, warned.Error);
        Assert.StartsWith("warning: ignoring CRAFT_VERBOSITY_LEVEL=loud: the levels are quiet, brief, verbose, debug, trace\nSkipped ", warned.Error, StringComparison.Ordinal);

        // Not a level's name either: a number Enum.TryParse would take, and blanks.
        foreach (var value in new[] { "1", "  " })
        {
            _variables["CRAFT_VERBOSITY_LEVEL"] = value;
            var ignored = Pack(false, "pack", "--destructive-mode");
            Assert.True(ignored.ExitCode == 0, ignored.Error);
            Assert.StartsWith($"warning: ignoring CRAFT_VERBOSITY_LEVEL={value}: ", ignored.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_verbosity_flags_are_a_usage_error()
    {
        var run = Pack(false, "pack", "--quiet", "--verbose");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: cannot use --quiet with --verbose: each sets how much cairn shows, so give one", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(LogDirectory));
    }

    private CliRun Pack(bool terminal, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(stdout, stderr, _project)
        {
            Variables = new Dictionary<string, string>(_variables),
            ErrorIsTerminal = terminal,
            TerminalWidth = 100,
            Clock = new ManualClock(),
        };
        var code = Program.Run(args, context);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private (string, string)[] Replacements() => [(_home.Path, "<home>")];

    // A terminal's control sequences made visible in a golden file (a carriage return, the erase-line sequence), and
    // the work directory's name (a hash of the temp project's path) made constant.
    private static string Visible(string text) =>
        WorkDirectory().Replace(text, "projects/output-test-<key>").Replace("\r", "<CR>", StringComparison.Ordinal).Replace("\u001b[K", "<EL>", StringComparison.Ordinal);

    [GeneratedRegex("projects/output-test-[0-9a-f]{16}")]
    private static partial Regex WorkDirectory();

    [GeneratedRegex("the log of this command: (\\S+)")]
    private static partial Regex LogLine();
}

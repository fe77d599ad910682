using Cairn.Cli.Output;
using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>The renderer alone, on a manual clock: the terminal's status line, the levels, and the log it writes.</summary>
public sealed class ConsoleReporterTests : IDisposable
{
    private readonly TempDirectory _temp = new("cairn-reporter");
    private readonly ManualClock _clock = new();
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public void Dispose() => _temp.Dispose();

    private ConsoleReporter Make(Verbosity verbosity, bool terminal = true, int width = 60, CommandLog? log = null) =>
        new(_error, verbosity, terminal, width, _clock, log);

    private string Shown => _error.ToString().Replace("\r", "<CR>", StringComparison.Ordinal).Replace("\u001b[K", "<EL>", StringComparison.Ordinal);

    [Fact]
    public void The_status_line_shows_the_time_and_latest_detail_redrawn_in_place_and_done_work_prints_above_it()
    {
        using var reporter = Make(Verbosity.Brief);
        var activity = reporter.Begin("Building app", "Built app");
        _clock.Advance(TimeSpan.FromSeconds(1.2)); // the ticker redraws the clock every quarter second
        activity.Update("Installing collected packages: flask");
        reporter.Message("a line of its own");
        _clock.Advance(TimeSpan.FromSeconds(5));
        activity.Complete();

        Assert.Equal(
            "<CR>Building app (0.0 s)<EL>" +
            "<CR>Building app (0.3 s)<EL><CR>Building app (0.5 s)<EL><CR>Building app (0.8 s)<EL><CR>Building app (1.0 s)<EL>" +
            "<CR>Building app (1.2 s): Installing collected packages: flask<EL>" +
            "<CR><EL>a line of its own\n<CR>Building app (1.2 s): Installing collected packages: flask<EL>" +
            string.Concat(Enumerable.Range(1, 20).Select(i => $"<CR>Building app ({1.0 + (i * 0.25):0.0} s): Installing collected packages: flask<EL>")) +
            "<CR><EL>Built app (6.2 s)\n",
            Shown);
    }

    [Fact]
    public void New_detail_is_drawn_at_most_every_tenth_of_a_second_and_the_line_is_cut_to_the_width()
    {
        using var reporter = Make(Verbosity.Brief, width: 30);
        var activity = reporter.Begin("Downloading 12 stage-packages", null);
        activity.Update("1 of 12");
        activity.Update("2 of 12");
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        activity.Update("3 of 12");
        Assert.Equal("<CR>Downloading 12 stage-package…<EL><CR>Downloading 12 stage-package…<EL>", Shown);
        activity.Dispose();
        Assert.EndsWith("<CR><EL>", Shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Paused_the_status_line_is_not_drawn_until_resumed()
    {
        using var reporter = Make(Verbosity.Brief);
        var activity = reporter.Begin("Building app", "Built app");
        using (reporter.Pause())
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            activity.Update("ignored while paused");
        }

        Assert.Equal("<CR>Building app (0.0 s)<EL><CR><EL><CR>Building app (1.0 s): ignored while paused<EL>", Shown);
    }

    [Fact]
    public void To_a_pipe_only_finished_work_and_messages_are_written_and_quiet_keeps_the_warnings()
    {
        using (var brief = Make(Verbosity.Brief, terminal: false))
        {
            var activity = brief.Begin("Building app", "Built app");
            activity.Update("detail");
            brief.Output("a tool's line");
            brief.Debug("why");
            activity.Complete();
        }

        using (var quiet = Make(Verbosity.Quiet, terminal: true))
        {
            quiet.Begin("Building app", "Built app").Complete();
            quiet.Message("not shown");
            quiet.Warning("shown");
        }

        Assert.Equal("Built app (0.0 s)\nwarning: shown\n", Shown);
    }

    [Fact]
    public void Verbose_writes_plain_lines_with_the_tools_output_and_debug_adds_times()
    {
        using (var verbose = Make(Verbosity.Verbose))
        {
            var activity = verbose.Begin("Building app", "Built app");
            verbose.Output("+ pip install flask");
            verbose.Debug("not at verbose");
            activity.Complete();
        }

        using (var debug = Make(Verbosity.Debug, terminal: false))
        {
            debug.Debug("build app: runs (not done yet)");
            debug.Trace("not at debug");
        }

        Assert.Equal("Building app\n:: + pip install flask\nBuilt app (0.0 s)\n2026-01-01 00:00:00.000 build app: runs (not done yet)\n", Shown);
    }

    [Fact]
    public void The_log_gets_everything_whatever_the_level_and_the_work_that_never_finished()
    {
        var log = CommandLog.Create(_temp.Combine("log"), _clock)!;
        using (var reporter = Make(Verbosity.Quiet, log: log))
        {
            reporter.Begin("Building app", "Built app").Complete();
            reporter.Output("+ pip install flask");
            reporter.Trace("bwrap --die-with-parent ...");
            reporter.Begin("Writing the rock", null);
        }

        log.Dispose();
        Assert.Equal(
            [
                "2026-01-01 00:00:00.000 Building app", "2026-01-01 00:00:00.000 Built app (0.0 s)", "2026-01-01 00:00:00.000 :: + pip install flask",
                "2026-01-01 00:00:00.000 bwrap --die-with-parent ...", "2026-01-01 00:00:00.000 Writing the rock", "2026-01-01 00:00:00.000 Writing the rock: did not finish (0.0 s)",
            ],
            File.ReadAllLines(log.Path));
        Assert.Equal("", Shown);
    }

    [Fact]
    public void Only_the_newest_logs_are_kept()
    {
        var directory = _temp.Combine("logs");
        Directory.CreateDirectory(directory);
        for (var i = 0; i < CommandLog.Kept + 3; i++)
            File.WriteAllText(Path.Combine(directory, $"cairn-20250101-0000{i:00}.000000.log"), "");
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "not a log");

        using var log = CommandLog.Create(directory, _clock)!;

        var left = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(CommandLog.Kept + 1, left.Count);
        Assert.Equal("cairn-20250101-000004.000000.log", left[0]);
        Assert.Contains("cairn-20260101-000000.000000.log", left);
        Assert.Contains("notes.txt", left);
    }

    [Theory]
    [InlineData(0.04, "0.0 s")]
    [InlineData(6.24, "6.2 s")]
    [InlineData(59.94, "59.9 s")]
    [InlineData(65, "1 min 05 s")]
    public void Durations_read_as_people_say_them(double seconds, string expected) =>
        Assert.Equal(expected, ConsoleReporter.Duration(TimeSpan.FromSeconds(seconds)));
}

using Cairn.TestKit;

namespace Cairn.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Version_prints_the_version_on_stdout()
    {
        var run = CliRun.In(Path.GetTempPath(), "--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0.1.0\n", run.Out);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("expand-extensions")]
    [InlineData("list-extensions")]
    public void Every_command_has_help(string command)
    {
        var run = CliRun.In(Path.GetTempPath(), command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        // In-process the usage line names the test host; the installed executable is cairn.
        Golden.Assert($"tests/Cairn.Cli.Tests/Golden/help/{command}.txt", run.Out, (" testhost ", " cairn "));
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        // Not a golden file: the list grows as commands land.
        var run = CliRun.In(Path.GetTempPath(), "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
        foreach (var command in new[] { "init", "expand-extensions", "list-extensions", "--version", "--verbose" })
            Assert.Contains(command, run.Out);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("init", "--bogus")]
    [InlineData("init", "--profile")]
    [InlineData]
    public void Usage_errors_exit_with_2_on_stderr(params string[] args)
    {
        var run = CliRun.In(Path.GetTempPath(), args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("hint: run 'cairn --help'", run.Error);
    }

    [Fact]
    public void List_extensions_prints_a_table()
    {
        var run = CliRun.In(Path.GetTempPath(), "list-extensions");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Extension name   Supported bases\nflask-framework  bare, ubuntu@22.04, ubuntu@24.04\n", run.Out);
    }
}

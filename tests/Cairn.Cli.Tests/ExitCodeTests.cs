using Cairn.TestKit;

namespace Cairn.Cli.Tests;

public sealed class ExitCodeTests
{
    /// <summary>A stdout that fails like a closed pipe: not the user's fault, not the machine's tools, so "internal".</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(string? value) => throw new InvalidOperationException("stdout is broken");

        public override void Write(char value) => throw new InvalidOperationException("stdout is broken");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_unexpected_exception_exits_70_with_the_stack_trace_only_when_verbose(bool verbose)
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp);
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        var stderr = new StringWriter();
        string[] args = verbose ? ["expand-extensions", "--verbose"] : ["expand-extensions"];

        var code = Program.Run(args, new CliContext(new BrokenWriter(), stderr, project));

        Assert.Equal(70, code);
        var error = stderr.ToString();
        Assert.StartsWith("internal error: InvalidOperationException: stdout is broken", error);
        Assert.Equal(verbose, error.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Success_exits_0_and_writes_nothing_to_stderr()
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp);
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        var run = CliRun.In(project, "expand-extensions");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }
}

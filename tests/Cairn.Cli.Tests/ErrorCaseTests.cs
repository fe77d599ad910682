using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>Every bad project of the project-file error goldens fails through the CLI with exit code 1 and its located errors.</summary>
public sealed class ErrorCaseTests
{
    private static readonly string Cases = Repository.PathOf("tests", "Cairn.Project.Tests", "Cases", "errors");

    public static IEnumerable<object[]> Names =>
        Directory.EnumerateDirectories(Cases).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_project_exits_1_with_the_golden_errors_on_stderr(string name)
    {
        using var temp = new TempDirectory();
        var project = temp.CopyFrom(Path.Combine(Cases, name), "project");
        File.Delete(Path.Combine(project, "expected.txt"));

        var run = CliRun.In(project, "expand-extensions");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        // The Project tests' golden holds the codes on its first line, then exactly what the CLI prints.
        var golden = File.ReadAllText(Path.Combine(Cases, name, "expected.txt"));
        Assert.Equal(golden[(golden.IndexOf('\n') + 1)..], run.Error);
        Assert.Matches(@"^[^:\s]+(:\d+:\d+)?: cannot ", run.Error);
    }
}

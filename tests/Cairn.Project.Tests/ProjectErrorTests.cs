using Cairn.Diagnostics;
using Cairn.Project;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

/// <summary>Golden files of the rendered errors, one per scenario folder under Cases/errors/.</summary>
public sealed class ProjectErrorTests
{
    public static IEnumerable<object[]> Cases => CaseRunner.Names("errors");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_golden_errors(string name)
    {
        using var temp = new TempDirectory();
        var directory = CaseRunner.Stage(temp, "errors", name);
        var e = Assert.Throws<CairnException>(() => ProjectLoader.Load(directory));
        Assert.Equal(FailureKind.User, e.Kind);
        Assert.All(e.Diagnostics, d => Assert.StartsWith("cannot ", d.Message));
        Assert.All(e.Diagnostics, d => Assert.Matches("^CAIRN[12][0-9]{3}$", d.Code));
        var rendered = string.Join("", e.Diagnostics.Select(d => $"[{d.Code}] ")) + "\n" + CaseRunner.Render(e, directory);
        Golden.Assert(Path.Combine(CaseRunner.CasePath("errors", name), CaseRunner.ErrorsGolden), rendered);
    }

    [Fact]
    public void Every_error_points_at_a_line_of_the_file()
    {
        using var temp = new TempDirectory();
        var directory = CaseRunner.Stage(temp, "errors", "many-problems");
        var e = Assert.Throws<CairnException>(() => ProjectLoader.Load(directory));
        Assert.True(e.Diagnostics.Count >= 10, $"expected every problem at once, got {e.Diagnostics.Count}");
        // A missing key has no line to point at; every other problem points at its line and column.
        Assert.All(e.Diagnostics.Where(d => d.Code != ProjectErrorCodes.MissingKey),
            d => Assert.True(d.Location is { Line: > 0, Column: > 0 }, $"{d.Message} has no line"));
    }

    [Fact]
    public void A_missing_project_file_is_a_user_error()
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<CairnException>(() => ProjectLoader.Load(temp.Path));
        Assert.Equal(ProjectErrorCodes.MissingProjectFile, e.Diagnostics[0].Code);
        Assert.Contains("cairn init", e.Diagnostics[0].Hint);
    }
}

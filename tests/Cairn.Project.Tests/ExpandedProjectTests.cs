using Cairn.Diagnostics;
using Cairn.Project;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

/// <summary>Golden files of the expanded YAML, one per scenario folder under Cases/expand/.</summary>
public sealed class ExpandedProjectTests
{
    public static IEnumerable<object[]> Cases => CaseRunner.Names("expand");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expands_to_the_golden_yaml(string name)
    {
        using var temp = new TempDirectory();
        var directory = CaseRunner.Stage(temp, "expand", name);
        LoadedProject loaded;
        try
        {
            loaded = ProjectLoader.Load(directory);
        }
        catch (CairnException e)
        {
            throw new Xunit.Sdk.XunitException("expected the project to load, got:\n" + CaseRunner.Render(e, directory));
        }

        Golden.Assert(Path.Combine(CaseRunner.CasePath("expand", name), CaseRunner.ExpandedGolden), ProjectWriter.Write(loaded));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expanded_output_loads_again_to_the_same_output(string name)
    {
        // The printed project is itself a valid project without extensions: loading it prints the same YAML.
        using var temp = new TempDirectory();
        var directory = CaseRunner.Stage(temp, "expand", name);
        var first = ProjectWriter.Write(ProjectLoader.Load(directory));
        var again = ProjectLoader.LoadText(first, directory, "expanded.yaml");
        Assert.Equal(first, ProjectWriter.Write(again));
    }
}

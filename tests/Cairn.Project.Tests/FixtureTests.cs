using Cairn.Project;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

/// <summary>The shared sample projects under tests/fixtures expand to their golden files.</summary>
public sealed class FixtureTests
{
    [Theory]
    [InlineData("flask-sync")]
    [InlineData("flask-gevent")]
    [InlineData("flask-bare")]
    public void Fixture_expands_to_its_golden_yaml(string name)
    {
        var loaded = ProjectLoader.Load(Path.Combine(Repository.Fixtures, name));
        Golden.Assert($"tests/Cairn.Project.Tests/Golden/fixtures/{name}.yaml", ProjectWriter.Write(loaded));
    }
}

using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// Packs one flask project once for a whole test class: <paramref name="base"/>, gevent in the requirements (so
/// the extension selects the gevent worker), the example app with its slow /io route, static files and a
/// node_modules directory that must not be shipped.
/// </summary>
public abstract class PackedRockFixture(string @base, string name) : IAsyncLifetime
{
    private readonly TempDirectory _temp = new("cairn-rock");

    public FlaskProject Project { get; private set; } = null!;

    public string Rock { get; private set; } = null!;

    public string Base => @base;

    public async Task InitializeAsync()
    {
        if (!Tools.AreRequired && new[] { "podman", "skopeo", "umoci", "mmdebstrap", "bwrap" }.Any(t => !Tools.IsOnPath(t)))
            return; // the [ToolFact] tests skip with the reason
        Project = await FlaskProject.CreateAsync(_temp.Combine("project"), name, @base, "Flask\ngevent\n");
        Rock = await Project.PackAsync(_temp.Combine("out"));
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class Noble() : PackedRockFixture("ubuntu@24.04", "hello-noble");

public sealed class Jammy() : PackedRockFixture("ubuntu@22.04", "hello-jammy");

public sealed class Bare() : PackedRockFixture("bare", "hello-bare");

using Cairn.Build;
using Cairn.Sandbox.Caching;
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

    /// <summary>The tools packing takes besides those every check names.</summary>
    protected virtual IEnumerable<string> PackTools => [];

    public async Task InitializeAsync()
    {
        if (!Tools.AreRequired && new[] { "podman", "skopeo", "umoci", "mmdebstrap", "bwrap" }.Concat(PackTools).Any(t => !Tools.IsOnPath(t)))
            return; // the [ToolFact] tests skip with the reason
        Project = await FlaskProject.CreateAsync(_temp.Combine("project"), name, @base, "Flask\ngevent\n");
        Rock = await PackAsync(Project, _temp.Path, _temp.Combine("out"));
    }

    /// <summary>Packs <paramref name="project"/> into <paramref name="output"/>, somewhere under <paramref name="temp"/>; returns the .rock.</summary>
    protected virtual Task<string> PackAsync(FlaskProject project, string temp, string output) => project.PackAsync(output);

    /// <summary>The cache the pack used: its build of the project goes with the project.</summary>
    protected virtual CacheLayout Cache => CacheLayout.FromEnvironment(Environment.GetEnvironmentVariable);

    public Task DisposeAsync()
    {
        if (Project is not null)
            FileTree.Delete(ProjectWork.For(Cache, Project.Name, Project.Directory).Directory);
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class Noble() : PackedRockFixture("ubuntu@24.04", "hello-noble");

public sealed class Jammy() : PackedRockFixture("ubuntu@22.04", "hello-jammy");

public sealed class Bare() : PackedRockFixture("bare", "hello-bare");

/// <summary>
/// The noble rock packed by an ordinary user, with that user's own cache and wheelhouse: every check holds whoever
/// runs cairn (owners and modes come from the pack plan, not the disk; no step needs root).
/// </summary>
public sealed class Rootless() : PackedRockFixture("ubuntu@24.04", "hello-rootless")
{
    protected override IEnumerable<string> PackTools => OrdinaryUser.NeededTools;

    protected override CacheLayout Cache => new(Path.Combine(OrdinaryUser.Cache, "cairn"));

    protected override async Task<string> PackAsync(FlaskProject project, string temp, string output)
    {
        Directory.CreateDirectory(output);
        await OrdinaryUser.GiveAsync(temp);
        var wheelhouse = await OrdinaryUser.RunAsync([Tools.Require("dotnet"), Path.Combine(AppContext.BaseDirectory, "Cairn.Wheelhouse.dll"), project.BuildBase],
            "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_NOLOGO=1");
        Assert.True(wheelhouse.Exit == 0, $"the ordinary user's wheelhouse: {wheelhouse.Stdout}\n{wheelhouse.Stderr}");
        var pack = await OrdinaryUser.RunAsync([CairnProcess.Executable, "pack", "--project-dir", project.Directory, "--output", output],
            "PIP_NO_INDEX=1", $"CAIRN_PAYLOAD={CairnProcess.Payload}", $"PIP_FIND_LINKS={wheelhouse.Stdout.Trim().Split('\n')[^1]}");
        Assert.True(pack.Exit == 0, $"cairn pack as {OrdinaryUser.Name}: {pack.Stdout}\n{pack.Stderr}");
        return pack.Stdout.Trim();
    }
}

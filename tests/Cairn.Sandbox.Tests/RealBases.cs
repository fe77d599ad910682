using Cairn.Bases;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Environments;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

/// <summary>
/// The real machine for tests against mmdebstrap and bubblewrap. Bases live in the normal cache
/// (<c>~/.cache/cairn</c>) so later runs and CI on the same machine reuse them, and the tests of a run share them.
/// </summary>
public sealed class RealBases
{
    public RealBases()
    {
        Host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable) with { Reporter = Reporter };
        Store = new BaseStore(Host);
        Factory = new BuildEnvironmentFactory(Host);
    }

    public static BaseName Jammy { get; } = BaseName.Parse("ubuntu@22.04");

    public static BaseName Noble { get; } = BaseName.Parse("ubuntu@24.04");

    public SandboxHost Host { get; }

    public BaseStore Store { get; }

    public BuildEnvironmentFactory Factory { get; }

    public RecordingReporter Reporter { get; } = new();

    public IReadOnlyList<string> Warnings => Reporter.Warnings;

    /// <summary>A build environment on <paramref name="buildBase"/> for a project in <paramref name="workDirectory"/>.</summary>
    public Task<IBuildEnvironment> EnvironmentAsync(BaseName @base, BaseName buildBase, string workDirectory, IReadOnlyList<string>? buildPackages = null, IReadOnlyDictionary<string, string>? caller = null) =>
        Factory.CreateAsync(new BuildEnvironmentRequest(@base, buildBase, buildPackages ?? [], workDirectory, caller ?? new Dictionary<string, string>()), CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class RealBasesCollection : ICollectionFixture<RealBases>
{
    public const string Name = "real bases";
}

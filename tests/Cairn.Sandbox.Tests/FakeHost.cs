using Cairn.Sandbox;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Processes;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

/// <summary>A <see cref="SandboxHost"/> over a temp cache, fake tools on a private PATH and a fake runner.</summary>
internal sealed class FakeHost : IDisposable
{
    private readonly TempDirectory _temp = new("cairn-sandbox-unit");

    public FakeHost(FakeProcessRunner runner, bool isRoot = true, params string[] tools)
    {
        Runner = runner;
        var bin = _temp.Combine("bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in tools)
            File.WriteAllText(Path.Combine(bin, tool), "");
        Host = new SandboxHost(runner, new CacheLayout(_temp.Combine("cache")), new HostTools(bin), isRoot, TimeProvider.System)
        {
            Reporter = Reporter,
            Architecture = "amd64",
        };
    }

    public FakeProcessRunner Runner { get; }

    public SandboxHost Host { get; }

    public RecordingReporter Reporter { get; } = new();

    public IReadOnlyList<string> Warnings => Reporter.Warnings;

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public void Dispose() => _temp.Dispose();
}

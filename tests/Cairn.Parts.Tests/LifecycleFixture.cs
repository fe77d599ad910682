using Cairn.Parts.Plugins;
using Cairn.Sandbox;
using Cairn.TestKit;

namespace Cairn.Parts.Tests;

/// <summary>A project directory and a work directory in a temp dir, and shortcuts to run a lifecycle over them.</summary>
public sealed class LifecycleFixture : IDisposable
{
    public TempDirectory Temp { get; } = new("cairn-parts");

    public string Project => Temp.Combine("project");

    public string Work => Temp.Combine("work");

    public string Prime => Path.Combine(Work, "prime");

    public string Stage => Path.Combine(Work, "stage");

    public List<LifecycleEvent> Events { get; } = [];

    public LifecycleFixture()
    {
        Directory.CreateDirectory(Project);
    }

    /// <summary>Writes a file in the project, with a modification time that differs from any earlier write.</summary>
    public string Write(string relative, string content)
    {
        var path = Temp.Write(Path.Combine("project", relative), content);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref tick)));
        return path;
    }

    private static int tick;

    public LifecycleOptions Options(string @base = "ubuntu@24.04", string? adoptInfo = null) => new()
    {
        ProjectDirectory = Project,
        WorkDirectory = Work,
        ProjectName = "demo",
        ProjectVersion = "1.0",
        Base = @base,
        BuildBase = @base == "bare" ? "ubuntu@24.04" : null,
        AdoptInfoPart = adoptInfo,
        ParallelBuildCount = 2,
    };

    public BoundLifecycle Lifecycle(IBuildEnvironment environment, params Part[] parts) =>
        new(new Lifecycle(Options(), parts, PluginRegistry.Default), environment);

    public Task<LifecycleResult> RunAsync(BoundLifecycle lifecycle, Step target = Step.Prime, params string[] parts) =>
        lifecycle.RunAsync(new LifecycleRunOptions { Target = target, Parts = parts, Progress = new SyncProgress(Events) }, CancellationToken.None);

    public static IEnumerable<string> Ran(LifecycleResult result, string part) =>
        result.Steps.Where(s => s.Part == part && s.Ran).Select(s => s.Step.ToString());

    public void Dispose() => Temp.Dispose();

    /// <summary>A lifecycle with the environment its runs use.</summary>
    public sealed record BoundLifecycle(Lifecycle Lifecycle, IBuildEnvironment Environment)
    {
        public Task<LifecycleResult> RunAsync(LifecycleRunOptions run, CancellationToken cancellationToken) =>
            Lifecycle.RunAsync(Environment, run, cancellationToken);

        public void Clean(IReadOnlyList<string> parts) => Lifecycle.Clean(parts);
    }

    /// <summary>Unlike Progress&lt;T&gt;, reports on the caller's thread, so events are in order when the run returns.</summary>
    private sealed class SyncProgress(List<LifecycleEvent> events) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value)
        {
            lock (events) events.Add(value);
        }
    }
}

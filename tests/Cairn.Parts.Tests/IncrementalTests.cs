using Cairn.Parts.Tests.Fakes;

namespace Cairn.Parts.Tests;

public class IncrementalTests
{
    // The flask extension's two parts that read the project directory.
    private static Part[] FlaskParts() => [FlaskExtensionParts.Dependencies(), FlaskExtensionParts.InstallApp("app.py")];

    private static async Task<(LifecycleFixture F, RecordingBuildEnvironment Env)> FirstRunAsync()
    {
        var f = new LifecycleFixture();
        f.Write("app.py", "app = 1\n");
        f.Write("requirements.txt", "flask\n");
        // The dump part really runs; the python part's pip is only recorded.
        var env = new RecordingBuildEnvironment(new HostBuildEnvironment(), c => c.WorkingDirectory.Contains("install-app", StringComparison.Ordinal));
        var first = await f.RunAsync(f.Lifecycle(env, FlaskParts()));
        Assert.Equal(8, first.Steps.Count(s => s.Ran));
        return (f, env);
    }

    [Fact]
    public async Task SecondRun_NothingChanged_RunsNoStepAndKeepsTheResult()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        var commands = env.Commands.Count;

        var second = await f.RunAsync(f.Lifecycle(env, FlaskParts()));

        Assert.False(second.AnyStepRan);
        Assert.Equal(8, second.Steps.Count);
        Assert.Equal(commands, env.Commands.Count);
        Assert.Contains(second.Permissions, p => p.Path == "flask/app/app.py" && p.Owner == 584792);
        Assert.Equal(["python3-venv"], second.StagedPackages["flask-framework/dependencies"].Select(p => p.Name));
    }

    [Fact]
    public async Task EditingAppPy_RedoesInstallAppOnly()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        f.Write("app.py", "app = 2\n");

        var second = await f.RunAsync(f.Lifecycle(env, FlaskParts()));

        Assert.Empty(LifecycleFixture.Ran(second, "flask-framework/dependencies"));
        Assert.Equal(["Pull", "Build", "Stage", "Prime"], LifecycleFixture.Ran(second, "flask-framework/install-app"));
    }

    [Fact]
    public async Task AnotherWheelhouse_RedoesTheBuildSteps_NotThePull()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        var options = f.Options() with { BuildInputs = new Dictionary<string, string> { ["PIP_FIND_LINKS"] = "/srv/other-wheels" } };

        var second = await f.RunAsync(new LifecycleFixture.BoundLifecycle(new Lifecycle(options, FlaskParts(), Cairn.Parts.Plugins.PluginRegistry.Default), env));

        Assert.Equal(["Build", "Stage", "Prime"], LifecycleFixture.Ran(second, "flask-framework/dependencies"));
    }

    [Fact]
    public async Task AnotherChiselRelease_RedoesThePullOfPartsWithStagePackagesOnly()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        var options = f.Options() with { PullInputs = new Dictionary<string, string> { ["chisel-release"] = "0123abcd" } };

        var second = await f.RunAsync(new LifecycleFixture.BoundLifecycle(new Lifecycle(options, FlaskParts(), Cairn.Parts.Plugins.PluginRegistry.Default), env));

        Assert.Equal(["Pull", "Build", "Stage", "Prime"], LifecycleFixture.Ran(second, "flask-framework/dependencies"));
        Assert.Empty(LifecycleFixture.Ran(second, "flask-framework/install-app"));
    }

    [Fact]
    public async Task EditingRequirements_RedoesDependencies()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        f.Write("requirements.txt", "flask\ngevent\n");

        var second = await f.RunAsync(f.Lifecycle(env, FlaskParts()));

        Assert.Equal(["Pull", "Build", "Stage", "Prime"], LifecycleFixture.Ran(second, "flask-framework/dependencies"));
        Assert.Contains(env.Commands, c => c.Script.Contains("-U -r 'requirements.txt'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddingPyprojectToml_MakesEveryFileCountForDependencies()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        f.Write("pyproject.toml", "[project]\nname='x'\n");
        await f.RunAsync(f.Lifecycle(env, FlaskParts()));
        f.Write("app.py", "app = 3\n");

        var third = await f.RunAsync(f.Lifecycle(env, FlaskParts()));

        Assert.Contains("Build", LifecycleFixture.Ran(third, "flask-framework/dependencies"));
    }

    [Fact]
    public async Task ChangingThePrimeFileset_RedoesPrimeOnly()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        var parts = FlaskParts();
        parts[1] = parts[1] with { Prime = ["flask/app"] };

        var second = await f.RunAsync(f.Lifecycle(env, parts));

        Assert.Equal(["Prime"], LifecycleFixture.Ran(second, "flask-framework/install-app"));
    }

    [Fact]
    public async Task NewProjectVersion_RedoesOnlyPartsWhoseScriptsUseIt()
    {
        using var f = new LifecycleFixture();
        Part[] Parts() =>
        [
            new() { Name = "plain", Plugin = "nil" },
            new() { Name = "stamped", Plugin = "nil", Overrides = new Dictionary<Step, string> { [Step.Build] = "echo $CRAFT_PROJECT_VERSION > $CRAFT_PART_INSTALL/version" } },
        ];
        var env = new HostBuildEnvironment();
        await f.RunAsync(f.Lifecycle(env, Parts()));

        var lifecycle = new LifecycleFixture.BoundLifecycle(new Lifecycle(f.Options() with { ProjectVersion = "2.0" }, Parts()), env);
        var second = await f.RunAsync(lifecycle);

        Assert.Empty(LifecycleFixture.Ran(second, "plain"));
        Assert.Equal(["Build", "Stage", "Prime"], LifecycleFixture.Ran(second, "stamped"));
        Assert.Equal("2.0\n", File.ReadAllText(Path.Combine(f.Prime, "version")));
    }

    [Fact]
    public async Task DeletedPrime_RedoesPrimeOnly()
    {
        var (f, env) = await FirstRunAsync();
        using var _ = f;
        Directory.Delete(f.Prime, recursive: true);

        var second = await f.RunAsync(f.Lifecycle(env, FlaskParts()));

        Assert.Equal(["Prime"], LifecycleFixture.Ran(second, "flask-framework/install-app"));
        Assert.True(File.Exists(Path.Combine(f.Prime, "flask/app/app.py")));
    }

    [Fact]
    public async Task ChangedDependency_RebuildsTheDependentPart()
    {
        using var f = new LifecycleFixture();
        f.Write("lib/x", "1\n");
        Part[] Parts() =>
        [
            new() { Name = "lib", Plugin = "dump", Source = "lib" },
            new() { Name = "user", Plugin = "nil", After = ["lib"] },
            new() { Name = "other", Plugin = "nil" },
        ];
        var env = new HostBuildEnvironment();
        await f.RunAsync(f.Lifecycle(env, Parts()));
        f.Write("lib/x", "2\n");

        var second = await f.RunAsync(f.Lifecycle(env, Parts()));

        Assert.Equal(["Build", "Stage", "Prime"], LifecycleFixture.Ran(second, "user"));
        Assert.Empty(LifecycleFixture.Ran(second, "other"));
        Assert.Equal("2\n", File.ReadAllText(Path.Combine(f.Prime, "x")));
    }

    [Fact]
    public async Task InterruptedStep_IsDetectedAndRedone()
    {
        using var f = new LifecycleFixture();
        f.Write("src/file", "x\n");
        var block = f.Temp.Combine("block");
        File.WriteAllText(block, "");
        var part = new Part
        {
            Name = "slow",
            Plugin = "dump",
            Source = "src",
            Overrides = new Dictionary<Step, string> { [Step.Build] = $"craftctl default\nif [ -e '{block}' ]; then touch '{block}.started'; sleep 60; fi\necho done > \"$CRAFT_PART_INSTALL/out\"" },
        };
        var env = new HostBuildEnvironment();
        using var cancel = new CancellationTokenSource();
        var run = f.Lifecycle(env, part).RunAsync(new LifecycleRunOptions(), cancel.Token);
        // Until the step has started (a run that fails first ends the wait, and shows its error below).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(block + ".started") && !run.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(File.Exists(block + ".started"), run.IsFaulted ? $"the run failed first: {run.Exception}" : "the build step did not start");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(File.Exists(Path.Combine(f.Work, "parts/slow/state/build.json")));
        File.Delete(block);

        var second = await f.RunAsync(f.Lifecycle(env, part));

        Assert.Equal(["Build", "Stage", "Prime"], LifecycleFixture.Ran(second, "slow"));
        Assert.Contains(f.Events, e => e is { Part: "slow", Step: Step.Build, Kind: LifecycleEventKind.Started, Text: "not done yet" });
        Assert.Equal("done\n", File.ReadAllText(Path.Combine(f.Prime, "out")));
    }

    [Fact]
    public async Task Clean_NamedPart_RemovesItsFilesButNotSharedOnes()
    {
        using var f = new LifecycleFixture();
        f.Write("a/shared", "same\n");
        f.Write("a/only-a", "a\n");
        f.Write("b/shared", "same\n");
        File.SetUnixFileMode(Path.Combine(f.Project, "b/shared"), File.GetUnixFileMode(Path.Combine(f.Project, "a/shared")));
        var lifecycle = f.Lifecycle(new HostBuildEnvironment(),
            new Part { Name = "a", Plugin = "dump", Source = "a" },
            new Part { Name = "b", Plugin = "dump", Source = "b" });
        await f.RunAsync(lifecycle);

        lifecycle.Clean(["a"]);

        Assert.False(File.Exists(Path.Combine(f.Prime, "only-a")));
        Assert.False(File.Exists(Path.Combine(f.Stage, "only-a")));
        Assert.True(File.Exists(Path.Combine(f.Prime, "shared")));
        Assert.False(Directory.Exists(Path.Combine(f.Work, "parts/a")));
        var again = await f.RunAsync(lifecycle);
        Assert.Equal(["Pull", "Build", "Stage", "Prime"], LifecycleFixture.Ran(again, "a"));
        Assert.Empty(LifecycleFixture.Ran(again, "b"));

        lifecycle.Clean([]);
        Assert.False(Directory.Exists(f.Prime));
        Assert.False(Directory.Exists(Path.Combine(f.Work, "parts")));
    }
}

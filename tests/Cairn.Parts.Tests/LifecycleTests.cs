using System.Formats.Tar;
using System.IO.Compression;
using Cairn.Diagnostics;
using Cairn.Parts.Tests.Fakes;

namespace Cairn.Parts.Tests;

public class LifecycleTests
{
    private static Part Dump(string name, string source, params string[] stage) =>
        new() { Name = name, Plugin = "dump", Source = source, Stage = stage };

    [Fact]
    public async Task Run_DumpPart_StagesAndPrimesTheSourceWithOrganize()
    {
        using var f = new LifecycleFixture();
        f.Write("app/app.py", "print('hi')\n");
        f.Write("app/static/site.css", "body{}\n");
        var part = Dump("web", "app") with { Organize = [new("app.py", "flask/app/app.py"), new("static", "flask/app/static")] };
        var env = new HostBuildEnvironment();

        var result = await f.RunAsync(f.Lifecycle(env, part));

        Assert.Equal("print('hi')\n", File.ReadAllText(Path.Combine(f.Prime, "flask/app/app.py")));
        Assert.True(File.Exists(Path.Combine(f.Prime, "flask/app/static/site.css")));
        Assert.False(File.Exists(Path.Combine(f.Prime, "app.py")));
        Assert.Equal(["flask", "flask/app", "flask/app/app.py", "flask/app/static", "flask/app/static/site.css"], result.PrimedPaths["web"]);
        Assert.Equal(["Pull", "Build", "Stage", "Prime"], LifecycleFixture.Ran(result, "web"));
    }

    [Fact]
    public async Task Run_DumpPart_KeepsAWorldWritableDirectorysModeThroughStageAndPrime_WhateverTheUmask()
    {
        using var f = new LifecycleFixture();
        f.Write("app/tmp/.keep", "");
        File.SetUnixFileMode(Path.Combine(f.Project, "app/tmp"), (UnixFileMode)0b111_111_111);

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), Dump("root", "app")));

        // A bare rock's /tmp is made 0777 by a part; mkdir under the usual umask 022 would give 0755.
        Assert.Equal((UnixFileMode)0b111_111_111, File.GetUnixFileMode(Path.Combine(f.Stage, "tmp")));
        Assert.Equal((UnixFileMode)0b111_111_111, File.GetUnixFileMode(Path.Combine(f.Prime, "tmp")));
    }

    [Fact]
    public async Task Run_LocalDotSource_LeavesOutRocksTheirBillsOfMaterialsCraftDirAndWorkDirectory()
    {
        using var f = new LifecycleFixture();
        f.Write("app.py", "x\n");
        f.Write("old_1.0_amd64.rock", "rock\n");
        f.Write("old_1.0_amd64.spdx.json", "{}\n");
        f.Write(".craft/cache", "c\n");
        var options = f.Options() with { WorkDirectory = Path.Combine(f.Project, "work") };
        var lifecycle = new LifecycleFixture.BoundLifecycle(new Lifecycle(options, [Dump("app", ".")]), new HostBuildEnvironment());

        await lifecycle.RunAsync(new LifecycleRunOptions(), CancellationToken.None);

        var prime = Path.Combine(f.Project, "work", "prime");
        Assert.Equal(["app.py"], Directory.EnumerateFileSystemEntries(prime).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Run_WorkDirectoryIsTheProject_LeavesOutPartsStagePrimeButKeepsThemElsewhere()
    {
        using var f = new LifecycleFixture();
        f.Write("app.py", "x\n");
        f.Write("stage/keep-me", "y\n");
        var inProject = new Lifecycle(f.Options() with { WorkDirectory = f.Project }, [Dump("app", ".") with { Stage = ["app.py"] }]);
        await inProject.RunAsync(new HostBuildEnvironment(), new LifecycleRunOptions(), CancellationToken.None);
        Assert.False(Directory.Exists(Path.Combine(f.Project, "parts/app/src/stage")));

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), Dump("app", ".")));
        Assert.True(File.Exists(Path.Combine(f.Prime, "stage/keep-me")));
    }

    [Fact]
    public async Task Run_TarSource_StripsTheSingleTopDirectory()
    {
        using var f = new LifecycleFixture();
        var staging = f.Temp.Combine("tarroot");
        f.Temp.Write("tarroot/pkg-1.0/README", "readme\n");
        f.Temp.Write("tarroot/pkg-1.0/bin/tool", "#!/bin/sh\n");
        var archive = Path.Combine(f.Project, "pkg.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            TarFile.CreateFromDirectory(staging, gzip, includeBaseDirectory: false);

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), Dump("pkg", "pkg.tar.gz")));

        Assert.Equal("readme\n", File.ReadAllText(Path.Combine(f.Prime, "README")));
        Assert.True(File.Exists(Path.Combine(f.Prime, "bin/tool")));
    }

    [Fact]
    public async Task Stage_TwoPartsSamePathDifferentContent_IsAConflictNamingBoth()
    {
        using var f = new LifecycleFixture();
        f.Write("a/etc/conf", "one\n");
        f.Write("b/etc/conf", "two\n");

        var e = await Assert.ThrowsAsync<CairnException>(() => f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), Dump("a", "a"), Dump("b", "b"))));

        Assert.Equal("CAIRN3008", e.Diagnostics[0].Code);
        Assert.Contains("'a' and 'b'", e.Message);
        Assert.Contains("etc/conf", e.Message);
    }

    [Fact]
    public async Task Stage_TwoPartsSamePathSameContent_IsFine()
    {
        using var f = new LifecycleFixture();
        f.Write("a/etc/conf", "same\n");
        f.Write("b/etc/conf", "same\n");
        File.SetUnixFileMode(Path.Combine(f.Project, "b/etc/conf"), File.GetUnixFileMode(Path.Combine(f.Project, "a/etc/conf")));

        var result = await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), Dump("a", "a"), Dump("b", "b")));

        Assert.Contains("etc/conf", result.PrimedPaths["a"]);
        Assert.Contains("etc/conf", result.PrimedPaths["b"]);
    }

    [Fact]
    public async Task Stage_ExcludedConflictingFile_IsNotAConflict()
    {
        using var f = new LifecycleFixture();
        f.Write("a/etc/ssl/certs/ca-certificates.crt", "one\n");
        f.Write("b/etc/ssl/certs/ca-certificates.crt", "two\n");

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), Dump("a", "a", "-etc/ssl/certs/ca-certificates.crt"), Dump("b", "b")));

        Assert.Equal("two\n", File.ReadAllText(Path.Combine(f.Prime, "etc/ssl/certs/ca-certificates.crt")));
    }

    [Fact]
    public async Task Prime_Fileset_SelectsFromWhatThePartStaged()
    {
        using var f = new LifecycleFixture();
        f.Write("a/keep/x", "x\n");
        f.Write("a/drop/y", "y\n");

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), Dump("a", "a") with { Prime = ["keep"] }));

        Assert.True(File.Exists(Path.Combine(f.Stage, "drop/y")));
        Assert.False(Directory.Exists(Path.Combine(f.Prime, "drop")));
        Assert.True(File.Exists(Path.Combine(f.Prime, "keep/x")));
    }

    [Fact]
    public async Task Prime_Permissions_AreRecordedForMatchingPathsAndNotApplied()
    {
        using var f = new LifecycleFixture();
        f.Write("app/flask/app/app.py", "x\n");
        f.Write("conf/flask/gunicorn.conf.py", "bind = []\n");
        f.Write("conf/statsd-mapping.conf", "mappings: []\n");
        var app = Dump("flask-framework/install-app", "app") with { Permissions = [new PermissionRule(Owner: 584792, Group: 584792)] };
        var conf = Dump("flask-framework/config-files", "conf") with { Permissions = [new PermissionRule("flask/gunicorn.conf.py", 584792, 584792, Convert.ToInt32("640", 8))] };

        var result = await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), app, conf));

        var byPath = result.Permissions.ToDictionary(p => p.Path);
        Assert.Equal(["flask", "flask/app", "flask/app/app.py", "flask/gunicorn.conf.py"], byPath.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new PathPermission("flask/gunicorn.conf.py", 584792, 584792, Convert.ToInt32("640", 8)), byPath["flask/gunicorn.conf.py"]);
        Assert.Equal(new PathPermission("flask", 584792, 584792, null), byPath["flask"]);
        Assert.DoesNotContain("statsd-mapping.conf", byPath.Keys);
        Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(f.Prime, "flask/gunicorn.conf.py")) & UnixFileMode.OtherRead);
    }

    [Fact]
    public async Task Build_OverrideWithCraftctlDefault_RunsThePluginThenTheRest()
    {
        using var f = new LifecycleFixture();
        f.Write("a/file", "x\n");
        var part = Dump("a", "a") with
        {
            Overrides = new Dictionary<Step, string> { [Step.Build] = "craftctl default\necho \"$CRAFT_PART_NAME $CRAFT_STEP_NAME $FOO\" > \"$CRAFT_PART_INSTALL/extra\"" },
            BuildEnvironment = [new("FOO", "bar"), new("FOO", "$FOO-baz")],
        };

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), part));

        Assert.True(File.Exists(Path.Combine(f.Prime, "file")));
        Assert.Equal("a BUILD bar-baz\n", File.ReadAllText(Path.Combine(f.Prime, "extra")));
    }

    [Fact]
    public async Task Prime_OverrideAfterDefault_CreatesDirectoriesThatBelongToThePart()
    {
        using var f = new LifecycleFixture();
        var part = new Part
        {
            Name = "pebble",
            Plugin = "nil",
            Overrides = new Dictionary<Step, string> { [Step.Prime] = "craftctl default\n/bin/mkdir -p var/lib/pebble/default/layers\n/bin/chmod 777 var/lib/pebble/default" },
        };
        var lifecycle = f.Lifecycle(new HostBuildEnvironment(), part);

        var result = await f.RunAsync(lifecycle);

        Assert.Contains("var/lib/pebble/default/layers", result.PrimedPaths["pebble"]);
        Assert.Equal((UnixFileMode)Convert.ToInt32("777", 8), File.GetUnixFileMode(Path.Combine(f.Prime, "var/lib/pebble/default")));
        lifecycle.Clean(["pebble"]);
        Assert.False(Directory.Exists(Path.Combine(f.Prime, "var")));
    }

    [Fact]
    public async Task Stage_OverrideWithoutDefault_StagesNothingFromInstall()
    {
        using var f = new LifecycleFixture();
        f.Write("a/file", "x\n");
        var part = Dump("a", "a") with { Overrides = new Dictionary<Step, string> { [Step.Stage] = "echo skipping" } };

        var result = await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), part));

        Assert.False(File.Exists(Path.Combine(f.Stage, "file")));
        Assert.Empty(result.PrimedPaths["a"]);
        Assert.Contains(f.Events, e => e is { Kind: LifecycleEventKind.Output, Step: Step.Stage, Text: "skipping" });
    }

    [Fact]
    public async Task Build_FailingOverride_NamesPartAndStepWithLastLinesAndLog()
    {
        using var f = new LifecycleFixture();
        var part = new Part
        {
            Name = "broken",
            Plugin = "nil",
            Overrides = new Dictionary<Step, string> { [Step.Build] = "echo about to fail\nexit 3" },
        };

        var e = await Assert.ThrowsAsync<CairnException>(() => f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), part)));

        Assert.Equal(FailureKind.User, e.Kind);
        Assert.Equal("CAIRN3007", e.Diagnostics[0].Code);
        Assert.Equal("cannot build part 'broken': the override-build script exited with status 3", e.Message);
        var hint = e.Diagnostics[0].Hint!;
        Assert.Contains("about to fail", hint);
        var log = Path.Combine(f.Work, "parts/broken/run/build.log");
        Assert.Contains(log, hint);
        Assert.Contains("about to fail", File.ReadAllText(log));
    }

    [Fact]
    public async Task Craftctl_SetVersionFromAdoptInfoPart_IsInTheResult()
    {
        using var f = new LifecycleFixture();
        var part = new Part { Name = "meta", Plugin = "nil", Overrides = new Dictionary<Step, string> { [Step.Pull] = "craftctl set version=2.5\ntest \"$(craftctl get version)\" = 2.5" } };
        var lifecycle = new LifecycleFixture.BoundLifecycle(new Lifecycle(f.Options(adoptInfo: "meta"), [part]), new HostBuildEnvironment());

        var result = await lifecycle.RunAsync(new LifecycleRunOptions(), CancellationToken.None);

        Assert.Equal("2.5", result.ProjectVariables["version"]);
    }

    [Fact]
    public async Task Craftctl_SetFromAnotherPart_IsAnError()
    {
        using var f = new LifecycleFixture();
        var part = new Part { Name = "other", Plugin = "nil", Overrides = new Dictionary<Step, string> { [Step.Pull] = "craftctl set version=2.5" } };
        var lifecycle = new LifecycleFixture.BoundLifecycle(new Lifecycle(f.Options(adoptInfo: "meta"), [part]), new HostBuildEnvironment());

        var e = await Assert.ThrowsAsync<CairnException>(() => lifecycle.RunAsync(new LifecycleRunOptions(), CancellationToken.None));

        Assert.Equal("CAIRN3011", e.Diagnostics[0].Code);
        Assert.Contains("'meta'", e.Message);
    }

    [Fact]
    public async Task Craftctl_DefaultInPullOverride_PullsTheSource()
    {
        using var f = new LifecycleFixture();
        f.Write("a/file", "x\n");
        var part = Dump("a", "a") with { Overrides = new Dictionary<Step, string> { [Step.Pull] = "test ! -e file\ncraftctl default\ntest -e file\necho more > more" } };

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), part));

        Assert.Equal("more\n", File.ReadAllText(Path.Combine(f.Prime, "more")));
        Assert.True(File.Exists(Path.Combine(f.Prime, "file")));
    }

    [Fact]
    public async Task Build_StagePackages_AreUnpackedIntoInstallAndReported()
    {
        using var f = new LifecycleFixture();
        var part = new Part { Name = "runtime", Plugin = "nil", StagePackages = ["ca-certificates_data", "libstdc++6"] };

        var result = await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), part));

        Assert.True(File.Exists(Path.Combine(f.Prime, "usr/share/doc/libstdc++6/copyright")));
        Assert.Equal(["ca-certificates_data", "libstdc++6"], result.StagedPackages["runtime"].Select(p => p.Name));
    }

    [Fact]
    public async Task Build_AfterDependency_IsStagedFirstAndVisibleInStage()
    {
        using var f = new LifecycleFixture();
        f.Write("lib/usr/lib/libx.so", "lib\n");
        var user = new Part
        {
            Name = "a-user",
            Plugin = "nil",
            After = ["z-lib"],
            Overrides = new Dictionary<Step, string> { [Step.Build] = "cp \"$CRAFT_STAGE/usr/lib/libx.so\" \"$CRAFT_PART_INSTALL/copied\"" },
        };

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), user, Dump("z-lib", "lib")));

        Assert.Equal("lib\n", File.ReadAllText(Path.Combine(f.Prime, "copied")));
        var started = f.Events.Where(e => e.Kind == LifecycleEventKind.Started).Select(e => $"{e.Part}:{e.Step}").ToList();
        Assert.True(started.IndexOf("z-lib:Stage") < started.IndexOf("a-user:Build"));
    }

    [Fact]
    public async Task Organize_TwoSourcesOntoOneDestination_IsAnError()
    {
        using var f = new LifecycleFixture();
        f.Write("a/x", "1\n");
        f.Write("a/y", "2\n");
        var part = Dump("a", "a") with { Organize = [new("x", "z"), new("y", "z")] };

        var e = await Assert.ThrowsAsync<CairnException>(() => f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), part)));

        Assert.Equal("CAIRN3009", e.Diagnostics[0].Code);
    }

    [Fact]
    public async Task Organize_GlobAndTrailingSlash_NestUnderTheDestination()
    {
        using var f = new LifecycleFixture();
        f.Write("a/bin/one", "1\n");
        f.Write("a/bin/two", "2\n");
        f.Write("a/pebble", "p\n");
        var part = Dump("a", "a") with { Organize = [new("bin/*", "usr/bin"), new("pebble", "usr/bin/")] };

        await f.RunAsync(f.Lifecycle(new HostBuildEnvironment(), part));

        Assert.Equal(["one", "pebble", "two"], Directory.EnumerateFiles(Path.Combine(f.Prime, "usr/bin")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void New_UnknownPluginOrHalfPermission_AreErrors()
    {
        using var f = new LifecycleFixture();
        var env = new RecordingBuildEnvironment();
        var plugin = Assert.Throws<CairnException>(() => f.Lifecycle(env, new Part { Name = "x", Plugin = "pyhton" }));
        Assert.Equal("CAIRN3004", plugin.Diagnostics[0].Code);
        var permission = Assert.Throws<CairnException>(() => f.Lifecycle(env, new Part { Name = "x", Plugin = "nil", Permissions = [new PermissionRule(Owner: 1)] }));
        Assert.Equal("CAIRN3012", permission.Diagnostics[0].Code);
    }

    [Fact]
    public async Task Run_UnknownPartName_IsAnError()
    {
        using var f = new LifecycleFixture();
        var lifecycle = f.Lifecycle(new RecordingBuildEnvironment(), new Part { Name = "x", Plugin = "nil" });
        var e = await Assert.ThrowsAsync<CairnException>(() => f.RunAsync(lifecycle, Step.Build, "y"));
        Assert.Equal("CAIRN3003", e.Diagnostics[0].Code);
    }

    [Fact]
    public async Task Run_NamedPartUpToBuild_RunsOnlyThatPartAndItsDependencies()
    {
        using var f = new LifecycleFixture();
        var lifecycle = f.Lifecycle(new RecordingBuildEnvironment(),
            new Part { Name = "a", Plugin = "nil", After = ["b"] },
            new Part { Name = "b", Plugin = "nil" },
            new Part { Name = "c", Plugin = "nil" });

        var result = await f.RunAsync(lifecycle, Step.Build, "a");

        Assert.Equal(["a:Pull", "b:Pull", "b:Build", "b:Stage", "a:Build"], result.Steps.Select(s => $"{s.Part}:{s.Step}"));
    }

    [Fact]
    public async Task Shell_InsteadOfStep_RunsEarlierStepsThenOpensInsteadOfTheTarget()
    {
        using var f = new LifecycleFixture();
        var requests = new List<ShellRequest>();
        var lifecycle = f.Lifecycle(new HostBuildEnvironment(), new Part { Name = "x", Plugin = "nil", Overrides = new Dictionary<Step, string> { [Step.Build] = "false" } });

        var result = await lifecycle.RunAsync(new LifecycleRunOptions
        {
            Target = Step.Build,
            Shell = ShellMode.InsteadOfStep,
            OpenShell = Record(requests),
        }, CancellationToken.None);

        Assert.Equal(["Pull"], LifecycleFixture.Ran(result, "x"));
        Assert.Equal(Step.Build, Assert.Single(requests).Step);
        Assert.Equal(Path.Combine(f.Work, "parts/x/build"), requests[0].WorkingDirectory);
    }

    [Fact]
    public async Task Shell_AfterStepAndOnFailure_OpenWithTheStepsDirectoryAndEnvironment()
    {
        using var f = new LifecycleFixture();
        var requests = new List<ShellRequest>();
        var lifecycle = f.Lifecycle(new HostBuildEnvironment(), new Part { Name = "x", Plugin = "nil", Overrides = new Dictionary<Step, string> { [Step.Build] = "false" } });
        var open = Record(requests);

        await lifecycle.RunAsync(new LifecycleRunOptions { Target = Step.Pull, Shell = ShellMode.AfterStep, OpenShell = open }, CancellationToken.None);
        await Assert.ThrowsAsync<CairnException>(() => lifecycle.RunAsync(new LifecycleRunOptions { Shell = ShellMode.OnFailure, OpenShell = open }, CancellationToken.None));

        Assert.Equal([Step.Pull, Step.Build], requests.Select(r => r.Step));
        Assert.Equal(Path.Combine(f.Work, "parts/x/src"), requests[0].WorkingDirectory);
        Assert.Contains("CRAFT_PART_NAME=\"x\"", File.ReadAllText(requests[1].EnvironmentScript));
    }

    [Fact]
    public async Task Shell_AfterStepWithOnFailure_OpensOnlyAtTheFailure_AndNeverAfterAStepThatFailed()
    {
        using var f = new LifecycleFixture();
        var requests = new List<ShellRequest>();
        var lifecycle = f.Lifecycle(new HostBuildEnvironment(), new Part { Name = "x", Plugin = "nil", Overrides = new Dictionary<Step, string> { [Step.Build] = "false" } });
        var open = Record(requests);

        await lifecycle.RunAsync(new LifecycleRunOptions { Target = Step.Pull, Shell = ShellMode.AfterStep | ShellMode.OnFailure, OpenShell = open }, CancellationToken.None);
        await Assert.ThrowsAsync<CairnException>(() =>
            lifecycle.RunAsync(new LifecycleRunOptions { Target = Step.Stage, Shell = ShellMode.AfterStep | ShellMode.OnFailure, OpenShell = open }, CancellationToken.None));

        Assert.Equal([Step.Pull, Step.Build], requests.Select(r => r.Step));
    }

    [Fact]
    public async Task Shell_InsteadOfAndAfterTheStepAtOnce_IsRejected()
    {
        using var f = new LifecycleFixture();
        var lifecycle = f.Lifecycle(new HostBuildEnvironment(), new Part { Name = "x", Plugin = "nil" });

        await Assert.ThrowsAsync<ArgumentException>(() => lifecycle.RunAsync(
            new LifecycleRunOptions { Shell = ShellMode.InsteadOfStep | ShellMode.AfterStep, OpenShell = (_, _) => Task.CompletedTask }, CancellationToken.None));
    }

    // An OpenShell that only records what it was asked to open.
    private static Func<ShellRequest, CancellationToken, Task> Record(List<ShellRequest> requests) => (request, _) =>
    {
        requests.Add(request);
        return Task.CompletedTask;
    };
}

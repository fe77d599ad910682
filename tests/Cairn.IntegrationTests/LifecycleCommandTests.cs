using System.Text.RegularExpressions;
using Cairn.Build;
using Cairn.Sandbox;
using Cairn.Sandbox.Caching;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>The lifecycle verbs through the real cairn executable and build environment.</summary>
[Collection(nameof(RockCollection))]
public sealed class LifecycleCommandTests
{
    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Prime_Twice_RunsNothingTheSecondTime_AndAnAppEditRedoesOnlyInstallApp_AndCleanRemovesPrime()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "lifecycle");
        var env = await project.PackEnvironmentAsync();
        // Beside the default prime list's app.py and static/: what must never reach the rock.
        Write(project.Directory, ".git/HEAD", "ref: refs/heads/main\n");
        Write(project.Directory, "node_modules/x/index.js", "module.exports = 2;\n");
        Write(project.Directory, "notes.txt", "not for the image\n");
        Write(project.Directory, "templates/index.html", "<p>hello</p>\n");

        var first = await CairnProcess.RunAsync(project.Directory, env, "prime");
        Assert.True(first.ExitCode == 0, first.ToString());
        var prime = first.Stdout.Trim();
        var app = Path.Combine(prime, "flask", "app");
        var primed = Directory.EnumerateFileSystemEntries(app, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(app, p)).Order(StringComparer.Ordinal);
        Assert.Equal(["app.py", "static", "static/js", "static/js/test.js", "templates", "templates/index.html"], primed);
        // The build directory names its project, so that `cairn cache` can tell when the project is gone.
        Assert.Equal(project.Directory, ProjectBuilds.ProjectOf(Path.GetDirectoryName(prime)!));

        var second = await CairnProcess.RunAsync(project.Directory, env, "prime");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("Built ", second.Stderr);
        Assert.Contains("Skipped 28 steps of 7 parts: up to date", second.Stderr);

        File.AppendAllText(Path.Combine(project.Directory, "app.py"), "\n# edited\n");
        var third = await CairnProcess.RunAsync(project.Directory, env, "prime");
        Assert.True(third.ExitCode == 0, third.ToString());
        var ran = third.Stderr.Split('\n').Where(l => Regex.IsMatch(l, "^(Pulled|Built|Staged|Primed) ")).ToList();
        Assert.Equal(4, ran.Count);
        Assert.All(ran, l => Assert.EndsWith(" flask-framework/install-app", l.Split(" (")[0], StringComparison.Ordinal));
        Assert.Contains("# edited", File.ReadAllText(Path.Combine(prime, "flask", "app", "app.py")));

        var clean = await CairnProcess.RunAsync(project.Directory, env, "clean");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(Directory.Exists(prime), "prime is still there after clean");
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Pull_OfThreeProjectsAtOnce_AllStageTheirPackages()
    {
        // All stage python3-venv and ca-certificates into the same package pool, where apt fails rather than waits
        // for another apt's lock: the cairn processes must take turns.
        using var temp = new TempDirectory("cairn-lifecycle");
        var projects = new List<FlaskProject>();
        foreach (var name in new[] { "together-one", "together-two", "together-three" })
            projects.Add(await FlaskProject.CreateAsync(temp.Combine(name), name));
        var env = await projects[0].PackEnvironmentAsync();

        var pulls = await Task.WhenAll(projects.Select(p => CairnProcess.RunAsync(p.Directory, env, "pull")));

        Assert.All(pulls, pull => Assert.True(pull.ExitCode == 0, pull.ToString()));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_UnknownPart_IsAUserErrorNamingIt()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "unknownpart");

        var result = await CairnProcess.RunAsync(project.Directory, await project.PackEnvironmentAsync(), "build", "no-such-part");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-part", result.Stderr);
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_Shell_OpensBashInTheBuildDirectoryWithTheStepsVariables_InsteadOfTheStep()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = ScriptProject(temp.Combine("project"), "shellinstead", "echo built > \"$CRAFT_PART_INSTALL/built\"");

        var result = await CairnProcess.RunWithInputAsync(project.Directory, NoPip, $"echo \"$CRAFT_PART_NAME $CRAFT_STEP_NAME {WhereAmI}\" > marker; exit 0\n", "build", "hello", "--shell");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello BUILD sandbox\n", File.ReadAllText(project.Marker));
        Assert.False(File.Exists(Path.Combine(project.PartDirectory("hello"), "install", "built")), "--shell ran the build step it replaces");
        Assert.Contains("Pulled hello (", result.Stderr);
    }

    [Fact]
    public async Task Build_ShellInDestructiveMode_OpensBashOnTheHost()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = ScriptProject(temp.Combine("project"), "shellhost", "true");

        var result = await CairnProcess.RunWithInputAsync(project.Directory, NoPip, $"echo \"$CRAFT_PART_NAME $CRAFT_STEP_NAME {WhereAmI}\" > marker\n", "build", "hello", "--shell", "--destructive-mode");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello BUILD host\n", File.ReadAllText(project.Marker));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_ShellAfter_OpensBashAfterTheStep()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = ScriptProject(temp.Combine("project"), "shellafter", "echo built > \"$CRAFT_PART_INSTALL/built\"");

        var result = await CairnProcess.RunWithInputAsync(project.Directory, NoPip, "cat \"$CRAFT_PART_INSTALL/built\" > marker\n", "build", "hello", "--shell-after");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("built\n", File.ReadAllText(project.Marker));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_Debug_OpensBashWhereTheFailedStepRan_ThenReportsTheFailure()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = ScriptProject(temp.Combine("project"), "debugshell", "echo about to fail; exit 3");

        var result = await CairnProcess.RunWithInputAsync(project.Directory, NoPip, "echo \"$CRAFT_PART_NAME $CRAFT_STEP_NAME\" > marker\n", "build", "--debug");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("hello BUILD\n", File.ReadAllText(project.Marker));
        Assert.Contains("cannot build part 'hello'", result.Stderr);
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Pack_Debug_OpensBashWhereTheFailedStepRan_ThenReportsTheFailure()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = ScriptProject(temp.Combine("project"), "packdebug", "exit 3");

        var result = await CairnProcess.RunWithInputAsync(project.Directory, NoPip, "echo \"$CRAFT_PART_NAME $CRAFT_STEP_NAME\" > marker\n", "pack", "--debug", "--output", temp.Combine("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("hello BUILD\n", File.ReadAllText(project.Marker));
        Assert.Contains("cannot build part 'hello'", result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("out")) && Directory.EnumerateFiles(temp.Combine("out")).Any(), "a failed pack wrote a rock");
    }

    [Fact]
    public async Task Build_ShellWithShellAfter_IsAUsageError()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = ScriptProject(temp.Combine("project"), "shellboth", "true");

        var result = await CairnProcess.RunAsync(project.Directory, NoPip, "build", "--shell", "--shell-after");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot use --shell with --shell-after", result.Stderr);
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_FailingOverrideBuild_NamesThePartAndStep_ShowsTheLastLinesAndTheLog()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = ScriptProject(temp.Combine("project"), "failing", "echo first line; echo the last words >&2; exit 3");

        var result = await CairnProcess.RunAsync(project.Directory, NoPip, "build");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: cannot build part 'hello': the override-build script exited with status 3", result.Stderr);
        var hint = result.Stderr[result.Stderr.IndexOf("hint: ", StringComparison.Ordinal)..];
        Assert.Contains("    the last words", hint);
        var log = Path.Combine(project.PartDirectory("hello"), "run", "build.log");
        Assert.Contains($"the full log is {log}", hint);
        Assert.Contains("the last words", File.ReadAllText(log));
        Assert.Empty(result.Stdout);
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_InterruptedByCtrlC_StopsTheStepAndSaysSo_AndTheNextBuildRedoesIt()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        using var project = ScriptProject(temp.Combine("project"), "sigint", BlockingBuild);
        using (var cairn = CairnProcess.Start(project.Directory, NoPip, "build"))
        {
            await project.WaitForStartsAsync(1, cairn);
            cairn.SignalGroup(2); // Ctrl+C: SIGINT to cairn and to every process of its group
            var interrupted = await cairn.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(interrupted.ExitCode == 1, interrupted.ToString());
            Assert.Contains("error: cannot finish 'cairn build': interrupted", interrupted.Stderr);
            Assert.DoesNotContain("internal error", interrupted.Stderr);
        }

        // Nothing of the step outlives cairn: bubblewrap and the script were stopped with it.
        Assert.Empty(ProcessesRunning(project.BuildScript));
        File.WriteAllText(project.Release, "");
        var next = await CairnProcess.RunAsync(project.Directory, NoPip, "build");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains("Built hello (", next.Stderr);
        Assert.Equal(2, project.Starts);
        Assert.True(File.Exists(Path.Combine(project.PartDirectory("hello"), "install", "done")), next.ToString());
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Pack_InterruptedByCtrlC_SaysSo_WritesNoRock_AndTheNextPackSucceeds()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        using var project = ScriptProject(temp.Combine("project"), "packsigint", BlockingBuild);
        var output = temp.Combine("out");
        using (var cairn = CairnProcess.Start(project.Directory, NoPip, "pack", "--output", output))
        {
            await project.WaitForStartsAsync(1, cairn);
            cairn.SignalGroup(2);
            var interrupted = await cairn.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(interrupted.ExitCode == 1, interrupted.ToString());
            Assert.Contains("error: cannot finish 'cairn pack': interrupted", interrupted.Stderr);
            Assert.Empty(interrupted.Stdout);
        }

        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "the interrupted pack left files in its output directory");
        File.WriteAllText(project.Release, "");
        var next = await CairnProcess.RunAsync(project.Directory, NoPip, "pack", "--output", output);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(Path.Combine(output, "packsigint_0.1_" + SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable).Architecture + ".rock"), next.Stdout.Trim());
        Assert.Single(Directory.EnumerateFileSystemEntries(output));
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public Task Build_KilledBySigkill_LeavesNothingRunning_AndTheNextBuildRedoesTheStep() => KilledBuildAsync("sigkill");

    [ToolFact("mmdebstrap", "bwrap")]
    public Task Build_InDestructiveMode_KilledBySigkill_LeavesNothingRunning_AndTheNextBuildRedoesTheStep() =>
        KilledBuildAsync("sigkillhost", "--destructive-mode");

    // The step's script (and the sleep it runs) would run on, orphaned, if the kill of cairn did not end it: the kernel
    // must, since cairn gets no chance to.
    private static async Task KilledBuildAsync(string name, params string[] options)
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        using var project = ScriptProject(temp.Combine("project"), name, BlockingBuild);
        using (var cairn = CairnProcess.Start(project.Directory, NoPip, ["build", .. options]))
        {
            await using var watch = new ProcessWatch(cairn.Id);
            await project.WaitForStartsAsync(1, cairn);
            await watch.StopAsync();
            cairn.Signal(9);
            var killed = await cairn.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(137, killed.ExitCode);
            var survivors = await watch.SurvivorsAsync(TimeSpan.FromSeconds(10));
            Assert.True(survivors.Count == 0, $"still running after cairn was killed:\n{string.Join('\n', survivors)}");
        }

        File.WriteAllText(project.Release, "");
        var next = await CairnProcess.RunAsync(project.Directory, NoPip, ["build", .. options, "--verbosity=debug"]);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains(" build hello: runs (not done yet)\n", next.Stderr);
        Assert.Equal(2, project.Starts);
    }

    // Counts its starts in the part's directory (parts/hello, kept across builds), then waits until the test releases
    // it: the step is surely running when cairn is signalled.
    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_WhileAnotherCairnBuildsTheProject_WaitsForItAndThenFindsTheStepDone()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        using var project = ScriptProject(temp.Combine("project"), "waits", BlockingBuild);
        using var first = CairnProcess.Start(project.Directory, NoPip, "build");
        await project.WaitForStartsAsync(1, first);

        using var second = CairnProcess.Start(project.Directory, NoPip, "build", "--verbosity=debug");
        using (var deadline = new CancellationTokenSource(CairnProcess.Timeout))
        {
            while (!second.StderrSoFar.Contains("waiting for another cairn working on", StringComparison.Ordinal))
            {
                if (second.HasExited) Assert.Fail($"the second cairn did not wait: {await second.WaitAsync(TimeSpan.FromMinutes(1))}");
                await Task.Delay(50, deadline.Token);
            }
        }

        Assert.Equal(1, project.Starts);
        File.WriteAllText(project.Release, "");
        var firstDone = await first.WaitAsync(TimeSpan.FromMinutes(2));
        var secondDone = await second.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(firstDone.ExitCode == 0, firstDone.ToString());
        Assert.True(secondDone.ExitCode == 0, secondDone.ToString());
        Assert.Contains(" build hello: skipped (up to date)\n", secondDone.Stderr);
        Assert.Equal(1, project.Starts);
    }

    private const string BlockingBuild =
        "echo started >> \"$CRAFT_PART_SRC/../starts\"\n"
        + "while [ ! -e \"$CRAFT_PART_SRC/../release\" ]; do sleep 0.1; done\n"
        + "echo done > \"$CRAFT_PART_INSTALL/done\"";

    // The project directory is not bound into the sandbox: seeing its rockcraft.yaml means running on the host.
    private const string WhereAmI = "$(test -e \"$CRAFT_PROJECT_DIR/rockcraft.yaml\" && echo host || echo sandbox)";

    /// <summary>No Python index settings of the machine's: these projects install nothing with pip.</summary>
    private static readonly Dictionary<string, string?> NoPip = new()
    {
        ["PIP_NO_INDEX"] = null, ["PIP_FIND_LINKS"] = null, ["PIP_INDEX_URL"] = null, ["PIP_EXTRA_INDEX_URL"] = null, ["PIP_CONSTRAINT"] = null,
    };

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>A project of one nil part, 'hello', whose build is <paramref name="overrideBuild"/>.</summary>
    private static ScriptedProject ScriptProject(string directory, string name, string overrideBuild)
    {
        var architecture = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable).Architecture;
        var script = string.Join('\n', overrideBuild.Split('\n').Select(l => "      " + l));
        Write(directory, "rockcraft.yaml", $"""
            name: {name}
            version: '0.1'
            summary: A project with one scripted part
            description: Its build step is a script the test chooses.
            base: ubuntu@24.04
            platforms:
              {architecture}:
            parts:
              hello:
                plugin: nil
                override-build: |
            {script}

            """);
        var cache = CacheLayout.FromEnvironment(Environment.GetEnvironmentVariable);
        return new ScriptedProject(directory, ProjectWork.For(cache, name, directory).Directory);
    }

    /// <summary>The pids of processes whose command line mentions <paramref name="text"/>.</summary>
    private static List<int> ProcessesRunning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return found;
    }

    /// <summary>Releases a blocking build script on disposal, so that even a failing test leaves no script waiting.</summary>
    private sealed record ScriptedProject(string Directory, string Work) : IDisposable
    {
        public void Dispose()
        {
            if (System.IO.Directory.Exists(PartDirectory("hello"))) File.WriteAllText(Release, "");
        }

        public string PartDirectory(string part) => Path.Combine(Work, "parts", part);

        public string BuildScript => Path.Combine(PartDirectory("hello"), "run", "build.sh");

        /// <summary>Where the shell commands the tests type write, relative to the build step's directory.</summary>
        public string Marker => Path.Combine(PartDirectory("hello"), "build", "marker");

        public string Release => Path.Combine(PartDirectory("hello"), "release");

        private string StartsFile => Path.Combine(PartDirectory("hello"), "starts");

        public int Starts => File.Exists(StartsFile) ? File.ReadAllLines(StartsFile).Length : 0;

        /// <summary>Waits until the build script has started <paramref name="count"/> times, failing if cairn ends first.</summary>
        public async Task WaitForStartsAsync(int count, RunningProcess cairn)
        {
            using var deadline = new CancellationTokenSource(CairnProcess.Timeout);
            while (Starts < count)
            {
                if (cairn.HasExited) Assert.Fail($"cairn ended before the build step started: {await cairn.WaitAsync(TimeSpan.FromMinutes(1))}");
                await Task.Delay(50, deadline.Token);
            }
        }

        public async Task WaitForFileAsync(string path)
        {
            using var deadline = new CancellationTokenSource(CairnProcess.Timeout);
            while (!File.Exists(path)) await Task.Delay(50, deadline.Token);
        }
    }
}

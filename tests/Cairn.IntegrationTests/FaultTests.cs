using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Cairn.TestKit;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests;

/// <summary>
/// cairn killed with SIGKILL (no chance to clean up) at random and at named moments: nothing it started runs on, and
/// the next command redoes what was unfinished and gives the same bytes as an undisturbed run. The moments are drawn
/// from a seeded generator whose seed every failure names (<c>CAIRN_FAULT_SEED</c> replays one); the loops are bound
/// in count (<c>CAIRN_FAULT_KILLS</c>) and in time, so CI stays within its limit. docs/reliability.md has the figures.
/// </summary>
[Collection(nameof(RockCollection))]
public sealed class FaultTests(ITestOutputHelper output)
{
    private const long Epoch = 1_700_000_000;

    // An orphan runs for as long as its work (a pip install, mmdebstrap): seconds to minutes. What the kernel kills
    // is gone in milliseconds, so this deadline only keeps a loaded machine from passing for an orphan.
    private static readonly TimeSpan SurvivorDeadline = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LoopBudget = TimeSpan.FromMinutes(13);

    [ToolFact("mmdebstrap", "bwrap", "skopeo")]
    public async Task ColdPack_KilledAtRandomMoments_LeavesNothingRunning_AndTheNextPackGivesTheUndisturbedDigest()
    {
        using var temp = new TempDirectory("cairn-fault");
        var seed = Seed();
        var random = new Random(seed);
        var reference = await FlaskProject.CreateAsync(temp.Combine("reference"), "fault");
        var clock = Stopwatch.StartNew();
        var expected = OciArchive.Digests(await reference.PackAsync(temp.Combine("reference-out"), Epoch)).Manifest;
        var coldPack = clock.Elapsed;
        var environment = await reference.PackEnvironmentAsync(Epoch);

        var kills = Count("CAIRN_FAULT_KILLS", 20);
        var figures = new Figures();
        var loop = Stopwatch.StartNew();
        for (var i = 0; i < kills && loop.Elapsed < LoopBudget; i++)
        {
            var at = TimeSpan.FromMilliseconds(random.NextDouble() * coldPack.TotalMilliseconds);
            var context = $"seed {seed}, kill {i + 1} at {at.TotalSeconds:F1} s of a {coldPack.TotalSeconds:F1} s cold pack";
            var project = await FlaskProject.CreateAsync(temp.Combine($"kill-{i}"), "fault");
            var killed = await KillAsync(project.Directory, environment, ["pack", "--output", temp.Combine($"kill-{i}-out")], _ => Task.Delay(at), context);
            figures.Add(killed);
            // The pack may have finished (its rock renamed into place) before the kill landed: a rock that is there
            // is a whole one, never a half-written one.
            foreach (var rock in Directory.Exists(temp.Combine($"kill-{i}-out")) ? Directory.GetFiles(temp.Combine($"kill-{i}-out"), "*.rock") : [])
                Assert.True(OciArchive.Digests(rock).Manifest == expected, $"{context}: a rock left by the killed pack is not the undisturbed one");

            var next = await project.PackRawAsync(temp.Combine($"kill-{i}-next"), Epoch);
            Assert.True(next.ExitCode == 0, $"{context}: the next pack failed: {next}");
            Assert.True(OciArchive.Digests(next.Stdout.Trim()).Manifest == expected, $"{context}: the next pack's digest is not the undisturbed pack's");
            // Each project's build is large (a venv): a project that is gone lets the suite's closing prune take it.
            Directory.Delete(temp.Combine($"kill-{i}"), recursive: true);
        }

        output.WriteLine($"cold pack {coldPack.TotalSeconds:F1} s; seed {seed}; {figures}; {loop.Elapsed.TotalMinutes:F1} min");
        Assert.True(figures.Tried > 0, "no kill was tried");
    }

    /// <summary>The orphan that poisoned the next pack: pip, killed while it writes site-packages.</summary>
    [ToolFact("mmdebstrap", "bwrap", "skopeo")]
    public async Task Pack_KilledDuringPipInstall_LeavesNoPipRunning_AndTheNextPackGivesTheUndisturbedDigest()
    {
        using var temp = new TempDirectory("cairn-fault");
        var reference = await FlaskProject.CreateAsync(temp.Combine("reference"), "fault");
        var expected = OciArchive.Digests(await reference.PackAsync(temp.Combine("reference-out"), Epoch)).Manifest;
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "fault");
        var environment = await project.PackEnvironmentAsync(Epoch);

        var killed = await KillAsync(project.Directory, environment, ["pack", "--output", temp.Combine("out")],
            cairn => WaitForAsync(() => ProcessWatch.Runs(cairn, "pip install")), "kill during pip install");
        Assert.True(killed, "the pack ended before pip ran");

        var next = await project.PackRawAsync(temp.Combine("next"), Epoch);
        Assert.True(next.ExitCode == 0, $"the next pack failed: {next}");
        Assert.Equal(expected, OciArchive.Digests(next.Stdout.Trim()).Manifest);
    }

    /// <summary>
    /// mmdebstrap killed while it makes a base (in a cache of the test's own): the next command makes it again, to
    /// the same bytes as an undisturbed creation. ubuntu@22.04, the quicker base to make.
    /// </summary>
    [ToolFact("mmdebstrap", "bwrap")]
    public async Task BaseCreation_KilledAtRandomMoments_LeavesNothingRunning_AndTheNextMakesTheUndisturbedBase()
    {
        using var temp = new TempDirectory("cairn-fault");
        var seed = Seed();
        var random = new Random(seed);
        var project = NilProject(temp.Combine("project"), "ubuntu@22.04", stagePackages: null);
        var creation = await TimeWhileRunningAsync(project, CacheOf(temp.Combine("cache-a")), ["build"], "mmdebstrap", "Created base ");
        var expected = BaseTarDigest(temp.Combine("cache-a"));

        var disturbed = CacheOf(temp.Combine("cache-b"));
        var figures = new Figures();
        for (var i = 0; i < Count("CAIRN_FAULT_BASE_KILLS", 3); i++)
        {
            var at = TimeSpan.FromMilliseconds(random.NextDouble() * creation.TotalMilliseconds * 0.9);
            var context = $"seed {seed}, kill {i + 1} at {at.TotalSeconds:F1} s into mmdebstrap";
            figures.Add(await KillAsync(project, disturbed, ["build"],
                async cairn => { await WaitForAsync(() => ProcessWatch.Runs(cairn, "mmdebstrap")); await Task.Delay(at); }, context));
        }

        var next = await CairnProcess.RunAsync(project, disturbed, "build");
        Assert.True(next.ExitCode == 0, $"seed {seed}: the next build failed: {next}");
        Assert.Equal(expected, BaseTarDigest(temp.Combine("cache-b")));
        output.WriteLine($"mmdebstrap ran {creation.TotalSeconds:F1} s; seed {seed}; {figures}");
    }

    /// <summary>
    /// apt killed while it downloads stage-packages into an empty package pool: the next pack downloads what is
    /// missing and gives the undisturbed rock. The base and build environment are the shared cache's (linked in).
    /// </summary>
    [ToolFact("mmdebstrap", "bwrap", "skopeo")]
    public async Task StagePackagesDownload_KilledAtRandomMoments_LeavesNothingRunning_AndTheNextPackGivesTheUndisturbedDigest()
    {
        using var temp = new TempDirectory("cairn-fault");
        var seed = Seed();
        var random = new Random(seed);
        var project = NilProject(temp.Combine("project"), "ubuntu@24.04", stagePackages: "libpq5");
        var download = await TimeWhileRunningAsync(project, PoolOnlyCacheOf(temp.Combine("cache-a")), ["pack", "--output", temp.Combine("out-a")], "--download-only", "Downloaded ");
        var expected = OciArchive.Digests(Assert.Single(Directory.GetFiles(temp.Combine("out-a"), "*.rock"))).Manifest;

        var disturbed = PoolOnlyCacheOf(temp.Combine("cache-b"));
        var figures = new Figures();
        for (var i = 0; i < Count("CAIRN_FAULT_DOWNLOAD_KILLS", 3); i++)
        {
            var at = TimeSpan.FromMilliseconds(random.NextDouble() * download.TotalMilliseconds * 0.9);
            var context = $"seed {seed}, kill {i + 1} at {at.TotalSeconds:F1} s into the download";
            figures.Add(await KillAsync(project, disturbed, ["pack", "--output", temp.Combine("out-b")],
                async cairn => { await WaitForAsync(() => ProcessWatch.Runs(cairn, "--download-only")); await Task.Delay(at); }, context));
        }

        var next = await CairnProcess.RunAsync(project, disturbed, "pack", "--output", temp.Combine("out-b"));
        Assert.True(next.ExitCode == 0, $"seed {seed}: the next pack failed: {next}");
        Assert.Equal(expected, OciArchive.Digests(next.Stdout.Trim()).Manifest);
        output.WriteLine($"download {download.TotalSeconds:F1} s; seed {seed}; {figures}");
    }

    /// <summary>
    /// Starts cairn, waits for <paramref name="moment"/> (given cairn's pid), kills it with SIGKILL and asserts that
    /// nothing it started is left. False when cairn had finished before the moment came.
    /// </summary>
    private static async Task<bool> KillAsync(
        string directory, IReadOnlyDictionary<string, string?> environment, string[] args, Func<int, Task> moment, string context)
    {
        using var cairn = CairnProcess.Start(directory, environment, args);
        await using var watch = new ProcessWatch(cairn.Id);
        await Task.WhenAny(moment(cairn.Id), WaitForAsync(() => cairn.HasExited));
        await watch.StopAsync();
        if (cairn.HasExited)
        {
            var finished = await cairn.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(finished.ExitCode == 0, $"{context}: cairn failed before the kill: {finished}");
            return false;
        }

        cairn.Signal(9);
        var killed = await cairn.WaitAsync(TimeSpan.FromMinutes(2));
        var survivors = await watch.SurvivorsAsync(SurvivorDeadline);
        Assert.True(survivors.Count == 0, $"{context}: still running after cairn was killed:\n{string.Join('\n', survivors)}");
        // cairn may have finished in the instant between the look and the kill.
        return killed.ExitCode == 137;
    }

    /// <summary>
    /// Runs cairn undisturbed and returns for how long a process whose command line holds <paramref name="text"/>
    /// ran below it: the window the kills of a test are drawn from. cairn's own line for that work (starting with
    /// <paramref name="done"/>, with its time) counts too: on a loaded machine a short download can end between two
    /// looks at the process table.
    /// </summary>
    private static async Task<TimeSpan> TimeWhileRunningAsync(string directory, IReadOnlyDictionary<string, string?> environment, string[] args, string text, string done)
    {
        using var cairn = CairnProcess.Start(directory, environment, args);
        Stopwatch? running = null;
        var window = TimeSpan.Zero;
        while (!cairn.HasExited)
        {
            if (ProcessWatch.Runs(cairn.Id, text))
            {
                running ??= Stopwatch.StartNew();
                window = running.Elapsed;
            }

            await Task.Delay(20);
        }

        var finished = await cairn.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(finished.ExitCode == 0, finished.ToString());
        var said = finished.Stderr.Split('\n').Where(l => l.StartsWith(done, StringComparison.Ordinal)).Select(ReportedTime).ToList();
        Assert.True(running is not null || said.Count > 0, $"no '{text}' ran below cairn {string.Join(' ', args)}: {finished}");
        return said.Append(window).Max();
    }

    // "Downloaded 4 stage-packages (0.6 s)", "Created base ubuntu@24.04 (1 min 05 s)": the time at the end of the line.
    private static TimeSpan ReportedTime(string line)
    {
        var m = System.Text.RegularExpressions.Regex.Match(line, @"\((?:(\d+) min (\d+)|(\d+\.\d)) s\)$");
        Assert.True(m.Success, $"no time in '{line}'");
        return m.Groups[3].Success
            ? TimeSpan.FromSeconds(double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))
            : TimeSpan.FromMinutes(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) + TimeSpan.FromSeconds(int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + CairnProcess.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the moment to kill cairn never came");
            await Task.Delay(20);
        }
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("CAIRN_FAULT_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : Random.Shared.Next();

    private static int Count(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), CultureInfo.InvariantCulture, out var count) && count > 0 ? count : fallback;

    /// <summary>A project with one nil part on <paramref name="base"/> whose build runs in the build environment, staging <paramref name="stagePackages"/> if any.</summary>
    private static string NilProject(string directory, string @base, string? stagePackages)
    {
        var architecture = Cairn.Sandbox.SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable).Architecture;
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "rockcraft.yaml"), $"""
            name: fault-nil
            version: '0.1'
            summary: One nil part
            description: A part that only stages packages, if any.
            base: {@base}
            platforms:
              {architecture}:
            parts:
              nil:
                plugin: nil
                override-build: echo built
            {(stagePackages is null ? "" : $"    stage-packages: [{stagePackages}]")}

            """);
        return directory;
    }

    /// <summary>The variables that point cairn at a cache of its own under <paramref name="directory"/>.</summary>
    private static Dictionary<string, string?> CacheOf(string directory) => new()
    {
        ["XDG_CACHE_HOME"] = directory,
        ["SOURCE_DATE_EPOCH"] = Epoch.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A cache of its own whose bases and build environments are the shared cache's: only its package pools are new.</summary>
    private static Dictionary<string, string?> PoolOnlyCacheOf(string directory)
    {
        var shared = Cairn.Sandbox.Caching.CacheLayout.FromEnvironment(Environment.GetEnvironmentVariable);
        var own = new Cairn.Sandbox.Caching.CacheLayout(Path.Combine(directory, "cairn"));
        Directory.CreateDirectory(own.Root);
        foreach (var (from, to) in new[] { (shared.Bases, own.Bases), (shared.Environments, own.Environments) })
        {
            Directory.CreateDirectory(from);
            Directory.CreateSymbolicLink(to, from);
        }

        return CacheOf(directory);
    }

    private static string BaseTarDigest(string cache)
    {
        var bases = Directory.GetDirectories(Path.Combine(cache, "cairn", "bases")).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList();
        var only = Assert.Single(bases);
        using var tar = File.OpenRead(Path.Combine(only, "base.tar"));
        return Convert.ToHexStringLower(SHA256.HashData(tar));
    }

    /// <summary>How many kills were tried and how many came while cairn was still at work.</summary>
    private sealed class Figures
    {
        public int Tried { get; private set; }

        public int Killed { get; private set; }

        public void Add(bool killed)
        {
            Tried++;
            if (killed) Killed++;
        }

        public override string ToString() => $"{Tried} kills tried, {Killed} while cairn was at work, 0 orphans";
    }
}

using System.Diagnostics;
using System.Text.Json;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>What every flask rock must do, whatever its base; each test class runs these on its own packed rock.</summary>
public abstract class RockChecks(PackedRockFixture rock)
{
    private const string DaemonId = "584792";

    // Loaded once per process: JsonSchema.Net registers a schema by its $id and refuses a second registration.
    private static readonly Lazy<Json.Schema.JsonSchema> SpdxSchema =
        new(() => Json.Schema.JsonSchema.FromText(File.ReadAllText(Repository.PathOf("tests", "fixtures", "spdx", "spdx-2.3-schema.json"))));

    /// <summary>The packed .rock the checks run on.</summary>
    protected string Rock => rock.Rock;

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_IsAnOciArchiveThatSkopeoUmociAndPodmanAccept()
    {
        var inspected = await OciArchive.InspectAsync(rock.Rock);
        Assert.Equal("amd64", inspected.GetProperty("Architecture").GetString());
        Assert.Equal("0.1", inspected.GetProperty("Labels").GetProperty("org.opencontainers.image.version").GetString());

        using var temp = new TempDirectory("cairn-unpack");
        var rootfs = await OciArchive.UnpackAsync(rock.Rock, temp.Path);
        Assert.True(File.Exists(Path.Combine(rootfs, "flask/app/static/js/test.js")), "static/js/test.js is missing from /flask/app");
        Assert.True(File.Exists(Path.Combine(rootfs, "flask/app/app.py")));
        Assert.False(Directory.Exists(Path.Combine(rootfs, "flask/app/node_modules")), "node_modules was shipped");
        Assert.False(File.Exists(Path.Combine(rootfs, "flask/app/rockcraft.yaml")), "rockcraft.yaml was shipped");
        Assert.Contains($"_daemon_:x:{DaemonId}:{DaemonId}:", File.ReadAllText(Path.Combine(rootfs, "etc/passwd")));
        Assert.True(File.Exists(Path.Combine(rootfs, $"var/lib/pebble/default/layers/001-rockcraft-{rock.Project.Name}.yaml")));
        Assert.Contains($"name: {rock.Project.Name}", File.ReadAllText(Path.Combine(rootfs, ".rock/metadata.yaml")));

        await using var image = await Podman.LoadAsync(rock.Rock);
        var config = JsonDocument.Parse(await Podman.CheckedAsync("image", "inspect", image.Name)).RootElement[0].GetProperty("Config");
        Assert.Equal(DaemonId, config.GetProperty("User").GetString());
        var entrypoint = config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        Assert.Equal(new[] { "enter" }, entrypoint[1..]);
        Assert.EndsWith("/pebble", entrypoint[0], StringComparison.Ordinal);
    }

    /// <summary>
    /// The bill of materials (docs/sbom.md): the same valid SPDX 2.3 document in the rock and beside it, naming the
    /// app's Python distributions and the Debian packages under them; on bare, status.d records for scanners.
    /// </summary>
    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_CarriesAValidBillOfMaterials_InsideAndBesideIt()
    {
        using var temp = new TempDirectory("cairn-unpack");
        var rootfs = await OciArchive.UnpackAsync(rock.Rock, temp.Path);
        var inside = File.ReadAllText(Path.Combine(rootfs, ".rock/sbom.spdx.json"));
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(rock.Rock, null) + ".spdx.json"), inside);

        var document = JsonDocument.Parse(inside).RootElement;
        Assert.True(SpdxSchema.Value.Evaluate(document).IsValid, "the bill of materials is not valid SPDX 2.3");
        var packages = document.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("name").GetString()!.ToLowerInvariant()).ToHashSet();
        var python = rock.Base == "ubuntu@22.04" ? "python3.10" : "python3.12";
        Assert.Superset(new HashSet<string> { "flask", "gunicorn", "gevent", python, "libc6" }, packages);

        if (rock.Base == "bare")
        {
            Assert.StartsWith("Package: libc6\n", File.ReadAllText(Path.Combine(rootfs, "var/lib/dpkg/status.d/libc6")), StringComparison.Ordinal);
            Assert.Contains("Source: glibc", File.ReadAllText(Path.Combine(rootfs, "var/lib/dpkg/status.d/libc6")), StringComparison.Ordinal);
            // Scanners match packages to a release's advisories by os-release, which base-files brings.
            Assert.Contains("ID=ubuntu", File.ReadAllText(Path.Combine(rootfs, "usr/lib/os-release")), StringComparison.Ordinal);
        }
    }

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_EverythingUnderFlask_IsOwnedByTheDaemonUser()
    {
        using var temp = new TempDirectory("cairn-unpack");
        var rootfs = await OciArchive.UnpackAsync(rock.Rock, temp.Path);
        var listing = await ExternalProcess.RunAsync("find", [Path.Combine(rootfs, "flask"), "-printf", "%U:%G %P\n"]);
        Assert.Equal(0, listing.ExitCode);
        var lines = listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 4, listing.Stdout);
        var others = lines.Where(l => !l.StartsWith($"{DaemonId}:{DaemonId} ", StringComparison.Ordinal)).ToList();
        Assert.True(others.Count == 0, "not owned by _daemon_:\n" + string.Join('\n', others));
    }

    /// <summary>What any user the rock runs as needs to write: /tmp for all (1777, or bare's 0777), /var/log/flask for group 0.</summary>
    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_TmpIsWorldWritable_AndTheLogDirectoryIsGroupRootsToo()
    {
        using var temp = new TempDirectory("cairn-unpack");
        var rootfs = await OciArchive.UnpackAsync(rock.Rock, temp.Path);
        var modes = await ExternalProcess.RunAsync("stat", ["-c", "%a %u:%g", Path.Combine(rootfs, "tmp"), Path.Combine(rootfs, "var/log/flask")]);
        Assert.Equal(0, modes.ExitCode);
        var lines = modes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^1?777 0:0$", lines[0]);
        Assert.Equal($"775 {DaemonId}:0", lines[1]);
    }

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_GunicornChecksTheAppsConfig()
    {
        await using var image = await Podman.LoadAsync(rock.Rock);
        var result = await image.RunOnceAsync("/bin/python3", "-m", "gunicorn", "--chdir", "/flask/app", "--check-config", "app:app");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_AnswersOk_AndExportsGunicornMetrics()
    {
        await using var image = await Podman.LoadAsync(rock.Rock);
        await image.StartAsync([]);
        Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/"));
        for (var i = 0; i < 3; i++) Assert.Equal("ok", await Http.GetAsync("http://127.0.0.1:8000/"));

        // gunicorn sends StatsD lines after each request; the exporter serves them a moment later (a generous minute on
        // a loaded machine: the deadline only bounds a failure).
        string metrics = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!metrics.Contains("flask_response_code{status=\"200\"}", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            metrics = await Http.GetWhenUpAsync("http://127.0.0.1:9102/metrics");
        }

        Assert.Contains("\nflask_requests ", metrics);
        Assert.Contains("flask_response_code{status=\"200\"}", metrics);
    }

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_Plan_UsesTheGeventWorker_WhenTheRequirementsHaveGevent()
    {
        await using var image = await Podman.LoadAsync(rock.Rock);
        var plan = await image.RunOnceAsync(null, "plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("-k [ gevent ]", plan.Stdout);
    }

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_Gevent_Serves15SlowRequestsConcurrently()
    {
        await using var image = await Podman.LoadAsync(rock.Rock);
        await image.StartAsync([]);
        await Http.GetWhenUpAsync("http://127.0.0.1:8000/");

        var elapsed = await TimeConcurrentAsync("http://127.0.0.1:8000/io?seconds=4", 15);

        // Each request sleeps 4 s: fifteen in one sync worker take 60 s, in gevent about 4 s. The bound is half of
        // sync's, so only a worker that serves them one at a time fails it, never a slow machine.
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"15 concurrent /io requests took {elapsed.TotalSeconds:F1} s: they were served one at a time");
    }

    [ToolFact("podman", "skopeo", "umoci", "mmdebstrap", "bwrap")]
    public async Task Rock_ArgsFlaskSync_ServesSlowRequestsOneAtATime()
    {
        await using var image = await Podman.LoadAsync(rock.Rock);
        await image.StartAsync([], "--args", "flask", "sync");
        await Http.GetWhenUpAsync("http://127.0.0.1:8000/");

        var elapsed = await TimeConcurrentAsync("http://127.0.0.1:8000/io", 5);

        Assert.True(elapsed >= TimeSpan.FromSeconds(9), $"5 concurrent /io requests took only {elapsed.TotalSeconds:F1} s: the sync worker was not used");
    }

    private static async Task<TimeSpan> TimeConcurrentAsync(string url, int count)
    {
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Http.GetAsync(url)));
        clock.Stop();
        Assert.All(answers, a => Assert.Equal("ok", a));
        return clock.Elapsed;
    }
}

[Collection(nameof(RockCollection))]
public sealed class NobleRockTests(Noble rock) : ProductionChecks(rock), IClassFixture<Noble>;

[Collection(nameof(RockCollection))]
public sealed class JammyRockTests(Jammy rock) : RockChecks(rock), IClassFixture<Jammy>;

[Collection(nameof(RockCollection))]
public sealed class BareRockTests(Bare rock) : ProductionChecks(rock), IClassFixture<Bare>;

[Collection(nameof(RockCollection))]
public sealed class RootlessRockTests(Rootless rock) : RockChecks(rock), IClassFixture<Rootless>;

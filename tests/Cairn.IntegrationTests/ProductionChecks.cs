using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// The rock where platform teams run it (docs/production.md): under docker, as a Kubernetes Deployment (played by
/// podman), pulled from a registry by digest, scraped by Prometheus. Every engine is the real one, started by the
/// test; containers use the host network and are reached on 127.0.0.1.
/// </summary>
public abstract class ProductionChecks(PackedRockFixture fixture) : RockChecks(fixture)
{
    [ToolFact("dockerd", "docker", "skopeo", "mmdebstrap", "bwrap")]
    public async Task Docker_TheSeedsCommandLine_Serves_AndDockerLogsShowTheApp()
    {
        await using var image = await Docker.LoadAsync(Rock);
        var container = await image.StartAsync([], "--args", "flask", "sync");

        Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/", logs: () => Docker.LogsAsync(container)));
        var logs = await WaitForLogAsync(container, "Using worker: sync");
        Assert.Contains(" [flask] ", logs);
    }

    [ToolFact("dockerd", "docker", "skopeo", "mmdebstrap", "bwrap")]
    public async Task Docker_ReadOnlyRootWithATmpfsOnTmp_Serves_AndPebblesCommandsWork()
    {
        await using var image = await Docker.LoadAsync(Rock);
        var container = await image.StartAsync(["--read-only", "--tmpfs", "/tmp"]);

        Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/", logs: () => Docker.LogsAsync(container)));
        var services = await Docker.CheckedAsync("exec", container, "pebble", "services");
        Assert.Matches(@"flask\s+enabled\s+active", services);
        Assert.Contains("command:", await Docker.CheckedAsync("exec", container, "pebble", "plan"));
    }

    [ToolFact("dockerd", "docker", "skopeo", "mmdebstrap", "bwrap")]
    public async Task Docker_AnArbitraryUidInGroupRoot_Serves()
    {
        await using var image = await Docker.LoadAsync(Rock);
        var container = await image.StartAsync(["--user", "1000770000:0"]);

        Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/", logs: () => Docker.LogsAsync(container)));
        // The directory the app writes is group 0's too (docker exec runs as the container's user).
        await Docker.CheckedAsync("exec", container, "sh", "-c", "echo written > /var/log/flask/probe");
        Assert.Equal("written", (await Docker.CheckedAsync("exec", container, "cat", "/var/log/flask/probe")).Trim());
    }

    /// <summary>docker stop sends SIGTERM to pebble: gunicorn finishes the request in flight before the container ends.</summary>
    [ToolFact("dockerd", "docker", "skopeo", "mmdebstrap", "bwrap")]
    public async Task Docker_Stop_LetsARequestInFlightFinish()
    {
        await using var image = await Docker.LoadAsync(Rock);
        var container = await image.StartAsync([]);
        await Http.GetWhenUpAsync("http://127.0.0.1:8000/", logs: () => Docker.LogsAsync(container));

        var request = Http.GetAsync("http://127.0.0.1:8000/io?seconds=10");
        // The app logs the sleep when the request has reached it.
        await WaitForLogAsync(container, "sleeping 10 s");
        var stop = Docker.RunAsync("stop", "-t", "40", container);

        Assert.Equal("ok", await request);
        Assert.True((await stop).ExitCode == 0);
        var state = await Docker.StateAsync(container);
        Assert.False(state.GetProperty("Running").GetBoolean());
        Assert.Equal(0, state.GetProperty("ExitCode").GetInt32());
    }

    /// <summary>
    /// docs/production/deployment.yaml as `podman kube play` runs it: a read-only root, a random non-root user in
    /// group 0, and pebble's health as the probes, which follow gunicorn going away and coming back.
    /// </summary>
    [ToolFact("podman", "catatonit", "skopeo", "mmdebstrap", "bwrap")]
    public async Task Kubernetes_TheDeploymentOfTheDocs_Serves_AndItsProbesFollowTheApp()
    {
        using var temp = new TempDirectory("cairn-kube");
        await using var image = await Podman.LoadAsync(Rock);
        var user = Random.Shared.Next(100_000, 2_000_000_000);
        var manifest = File.ReadAllText(Repository.PathOf("docs", "production", "deployment.yaml"))
            .Replace("image: flask-hello:0.1", $"image: {image.Name}", StringComparison.Ordinal)
            .Replace("runAsUser: 1000770000", $"runAsUser: {user}", StringComparison.Ordinal)
            // Test containers never reach the app through a bridge.
            .Replace("    spec:\n      containers:", "    spec:\n      hostNetwork: true\n      containers:", StringComparison.Ordinal);
        Assert.Contains($"runAsUser: {user}", manifest);
        Assert.Contains("hostNetwork: true", manifest);
        var file = temp.Write("deployment.yaml", manifest);

        await Podman.CheckedAsync("kube", "play", file);
        try
        {
            Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/"));
            // podman 4 names the first pod of a Deployment <name>-pod-0 and its containers <pod>-<container>.
            const string container = "flask-hello-pod-0-flask";
            Assert.Equal(user.ToString(System.Globalization.CultureInfo.InvariantCulture), (await Podman.CheckedAsync("exec", container, "id", "-u")).Trim());
            Assert.Equal("0", (await Podman.CheckedAsync("exec", container, "id", "-g")).Trim());

            await WaitForProbesAsync(container, healthy: true);
            Assert.True((await Podman.RunAsync("healthcheck", "run", container)).ExitCode == 0, "the liveness probe failed while the app serves");
            await Podman.CheckedAsync("exec", container, "pebble", "stop", "flask");
            await WaitForProbesAsync(container, healthy: false);
            await Podman.CheckedAsync("exec", container, "pebble", "start", "flask");
            await WaitForProbesAsync(container, healthy: true);
            Assert.Equal("ok", await Http.GetAsync("http://127.0.0.1:8000/"));

            // And the liveness probe as podman runs it fails too: podman then kills the container (`|| kill 1`, as a
            // kubelet would restart it), so this comes last.
            await Podman.CheckedAsync("exec", container, "pebble", "stop", "flask");
            await WaitForProbesAsync(container, healthy: false);
            Assert.True((await Podman.RunAsync("healthcheck", "run", container)).ExitCode != 0, "the liveness probe passed with gunicorn stopped");
        }
        finally
        {
            await Podman.RunAsync("kube", "down", file);
        }
    }

    /// <summary>Pushed to a registry with skopeo, pulled by digest with podman: the same manifest, and it serves.</summary>
    [ToolFact("docker-registry", "podman", "skopeo", "mmdebstrap", "bwrap")]
    public async Task Registry_PushedAndPulledByDigest_KeepsTheManifest_AndServes()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var reference = $"{registry.Address}/flask-hello:0.1";
        var push = await ExternalProcess.RunAsync(Tools.Require("skopeo"),
            ["--insecure-policy", "copy", "-q", "--dest-tls-verify=false", $"oci-archive:{Rock}", $"docker://{reference}"], timeout: TimeSpan.FromMinutes(3));
        Assert.True(push.ExitCode == 0, push.ToString());
        var digest = OciArchive.Digests(Rock).Manifest;

        var pulled = $"{registry.Address}/flask-hello@{digest}";
        await Podman.CheckedAsync("pull", "-q", "--tls-verify=false", pulled);
        var container = $"cairn-test-{Guid.NewGuid():N}";
        try
        {
            await Podman.CheckedAsync("run", "-d", "--network", "host", "--name", container, pulled);
            Assert.Equal("ok", await Http.GetWhenUpAsync("http://127.0.0.1:8000/"));
        }
        finally
        {
            await Podman.RemoveAsync(container);
            await Podman.RunAsync("rmi", "-f", pulled);
        }
    }

    /// <summary>Prometheus scrapes the exporter: flask_requests counts the requests made; promtool finds the exposition well-formed.</summary>
    [ToolFact("prometheus", "promtool", "podman", "skopeo", "mmdebstrap", "bwrap")]
    public async Task Prometheus_ScrapesTheRock_AndCountsItsRequests()
    {
        await using var image = await Podman.LoadAsync(Rock);
        await image.StartAsync([]);
        await Http.GetWhenUpAsync("http://127.0.0.1:8000/");
        await using var prometheus = await LocalPrometheus.StartAsync("127.0.0.1:9102");
        const int requests = 7;
        for (var i = 0; i < requests; i++) Assert.Equal("ok", await Http.GetAsync("http://127.0.0.1:8000/"));

        // The first GET (the wait for the app) counts too.
        var counted = await prometheus.WaitForValueAsync("flask_requests", requests + 1);
        Assert.Equal(requests + 1, counted);

        var exposition = await Http.GetAsync("http://127.0.0.1:9102/metrics");
        var check = await ExternalProcess.RunAsync(Tools.Require("promtool"), ["check", "metrics"], standardInput: exposition);
        Assert.DoesNotContain("error while linting", check.Stdout + check.Stderr);
        Assert.True(check.ExitCode == 0 || LocalPrometheus.OnlyLintAdvice(check), check.ToString());
    }

    private static async Task<string> WaitForLogAsync(string container, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var logs = await Docker.LogsAsync(container);
            if (logs.Contains(text, StringComparison.Ordinal))
                return logs;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"docker logs never showed '{text}':\n{logs}");
            await Task.Delay(200);
        }
    }

    // The probes' own commands, run with podman exec as the kubelet runs them. Not `podman healthcheck run` while
    // unhealthy: podman's kube play appends `|| kill 1` to a liveness probe, so one failed run ends the container.
    // Checks run every few seconds and fail after a threshold: wait for both.
    private static async Task WaitForProbesAsync(string container, bool healthy)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var alive = await Podman.RunAsync("exec", container, "pebble", "health", "--level=alive");
            var ready = await Podman.RunAsync("exec", container, "pebble", "health", "--level=ready");
            if ((alive.ExitCode == 0) == healthy && (ready.ExitCode == 0) == healthy)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the probes did not become {(healthy ? "healthy" : "unhealthy")}: liveness {alive}, readiness {ready}");
            await Task.Delay(1000);
        }
    }
}

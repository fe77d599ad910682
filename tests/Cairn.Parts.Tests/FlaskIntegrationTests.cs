using System.Diagnostics;
using Cairn.Bases;
using Cairn.Diagnostics;
using Cairn.Sandbox;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Environments;
using Cairn.TestKit;
using Cairn.Wheelhouse;

namespace Cairn.Parts.Tests;

/// <summary>
/// The flask extension's parts (ubuntu@24.04) run in the real bubblewrap environment, with pip
/// installing from the wheelhouse. The first run on a machine makes the base, the environment and the wheelhouse.
/// </summary>
public class FlaskIntegrationTests
{
    private const int Daemon = FlaskExtensionParts.Daemon;
    private static readonly BaseName Noble = BaseName.Parse("ubuntu@24.04");

    private static void WriteProject(TempDirectory temp)
    {
        temp.Write("project/app.py", "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'ok'\n");
        temp.Write("project/requirements.txt", "flask\ngevent\n");
        temp.Write("project/static/style.css", "body {}\n");
        temp.Write("project/templates/index.html", "<p>hi</p>\n");
        temp.Write("project/rockcraft.yaml", "name: demo\n");
        temp.Write("project/.git/HEAD", "ref: refs/heads/main\n");
        temp.Write("project/node_modules/x/index.js", "//\n");
        temp.Write("data/gunicorn.conf.py", "\"\"\"gunicorn settings\"\"\"\nbind = [\"0.0.0.0:8000\"]\nchdir = \"/flask/app\"\nstatsd_host = \"localhost:9125\"\n");
        temp.Write("data/statsd-mapping.conf", "mappings: []\n");
    }

    // What the flask extension generates for this project on ubuntu@24.04 (without the statsd exporter and pebble,
    // which cairn stages from its payload).
    private static Part[] FlaskParts(string dataDirectory, string? overrideBuild = null)
    {
        return
        [
            FlaskExtensionParts.Dependencies(),
            FlaskExtensionParts.InstallApp("app.py", "static", "templates") with
            {
                Overrides = overrideBuild is null ? new Dictionary<Step, string>() : new Dictionary<Step, string> { [Step.Build] = overrideBuild },
            },
            new()
            {
                Name = "flask-framework/config-files",
                Plugin = "dump",
                Source = dataDirectory,
                Organize = [new("gunicorn.conf.py", "flask/gunicorn.conf.py")],
                Permissions = [new PermissionRule("flask/gunicorn.conf.py", Daemon, Daemon)],
            },
            new()
            {
                Name = "flask-framework/logging",
                Plugin = "nil",
                Overrides = new Dictionary<Step, string> { [Step.Build] = "craftctl default\nmkdir -p $CRAFT_PART_INSTALL/opt/promtail\nmkdir -p $CRAFT_PART_INSTALL/etc/promtail\nmkdir -p $CRAFT_PART_INSTALL/var/log/flask" },
                Permissions = [new PermissionRule("opt/promtail", Daemon, Daemon), new PermissionRule("etc/promtail", Daemon, Daemon), new PermissionRule("var/log/flask", Daemon, Daemon)],
            },
        ];
    }

    private static LifecycleOptions Options(TempDirectory temp) => new()
    {
        ProjectDirectory = temp.Combine("project"),
        WorkDirectory = temp.Combine("work"),
        ProjectName = "demo",
        ProjectVersion = "0.1",
        Base = "ubuntu@24.04",
    };

    private static async Task<IBuildEnvironment> EnvironmentAsync(SandboxHost host, Lifecycle lifecycle, string work)
    {
        var wheelhouse = await new WheelhouseBuilder(host).GetAsync(Noble, CancellationToken.None);
        var caller = new Dictionary<string, string> { ["PIP_NO_INDEX"] = "1", ["PIP_FIND_LINKS"] = wheelhouse };
        return await new BuildEnvironmentFactory(host).CreateAsync(
            new BuildEnvironmentRequest(Noble, Noble, lifecycle.BuildPackages, work, caller), CancellationToken.None);
    }

    [ToolFact("bwrap", "mmdebstrap", "patchelf")]
    public async Task FlaskParts_InBubblewrap_PrimeTheAppAndAVenvThatRunsGunicornAsBinPython3()
    {
        using var temp = new TempDirectory("cairn-parts-flask");
        WriteProject(temp);
        var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable);
        var lifecycle = new Lifecycle(Options(temp), FlaskParts(temp.Combine("data")));
        var environment = await EnvironmentAsync(host, lifecycle, temp.Combine("work"));
        var output = new List<string>();
        var run = new LifecycleRunOptions { Progress = new InlineProgress(e => { if (e.Text is not null) output.Add(e.Text); }) };

        LifecycleResult result;
        try
        {
            result = await lifecycle.RunAsync(environment, run, CancellationToken.None);
        }
        catch (CairnException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{e.Diagnostics[0].Hint}\n{string.Join('\n', output.TakeLast(60))}");
        }

        var prime = lifecycle.PrimeDirectory;
        Assert.Equal(["app.py", "static", "templates"], Directory.EnumerateFileSystemEntries(Path.Combine(prime, "flask/app")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var site = Path.Combine(prime, "lib/python3.12/site-packages");
        foreach (var package in new[] { "flask", "gunicorn", "gevent" })
            Assert.True(Directory.Exists(Path.Combine(site, package)), $"{package} is not in the venv; output:\n{string.Join('\n', output.TakeLast(40))}");
        Assert.Equal("#!/bin/python3", File.ReadLines(Path.Combine(prime, "bin/gunicorn")).First());
        Assert.True(File.Exists(Path.Combine(prime, "usr/bin/python3.12")));
        var permissions = result.Permissions.ToDictionary(p => p.Path);
        Assert.Equal(new PathPermission("flask", Daemon, Daemon, null), permissions["flask"]);
        Assert.Equal(Daemon, permissions["flask/app/app.py"].Owner);
        Assert.Equal(Daemon, permissions["var/log/flask"].Owner);
        Assert.Equal(Daemon, permissions["flask/gunicorn.conf.py"].Owner);

        // The rock's view: the run base with prime laid over it (through its bin -> usr/bin links), entered with bwrap.
        var cached = await new BaseStore(host).GetAsync(new BaseRequest(Noble), CancellationToken.None);
        var image = temp.Combine("image");
        Directory.CreateDirectory(image);
        await ShAsync($"tar -C '{cached.RootPath}' -cf - . | tar -C '{image}' -xf - && tar -C '{prime}' -cf - . | tar -C '{image}' -xf - --keep-directory-symlink");
        var (exit, text) = await ShAsync($"bwrap --bind '{image}' / --proc /proc --dev /dev --unshare-pid --unshare-net /bin/python3 -m gunicorn --version && bwrap --bind '{image}' / --proc /proc --dev /dev --unshare-pid --unshare-net /bin/python3 -c 'import flask, gevent; print(\"imported\")'", check: false);
        Assert.True(exit == 0, text);
        Assert.Contains("(version ", text, StringComparison.Ordinal);
        Assert.Contains("imported", text);

        // Nothing changed: nothing runs.
        var again = await lifecycle.RunAsync(environment, new LifecycleRunOptions(), CancellationToken.None);
        Assert.False(again.AnyStepRan);
        Assert.Equal(result.Permissions, again.Permissions);
    }

    [ToolFact("bwrap", "mmdebstrap", "patchelf")]
    public async Task FailingOverrideBuild_InBubblewrap_NamesPartAndStep()
    {
        using var temp = new TempDirectory("cairn-parts-flask");
        WriteProject(temp);
        var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable);
        var lifecycle = new Lifecycle(Options(temp), FlaskParts(temp.Combine("data"), overrideBuild: "echo broken on purpose\nfalse"));
        var environment = await EnvironmentAsync(host, lifecycle, temp.Combine("work"));

        var e = await Assert.ThrowsAsync<CairnException>(() =>
            lifecycle.RunAsync(environment, new LifecycleRunOptions { Parts = ["flask-framework/install-app"] }, CancellationToken.None));

        Assert.Equal(FailureKind.User, e.Kind);
        Assert.Equal("cannot build part 'flask-framework/install-app': the override-build script exited with status 1", e.Message);
        Assert.Contains("broken on purpose", e.Diagnostics[0].Hint);
    }

    private static async Task<(int Exit, string Output)> ShAsync(string script, bool check = true)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("set -o pipefail; " + script);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        if (check && process.ExitCode != 0) throw new Xunit.Sdk.XunitException($"'{script}' failed: {text}");
        return (process.ExitCode, text);
    }

    private sealed class InlineProgress(Action<LifecycleEvent> report) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value) => report(value);
    }
}

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.Sandbox.Environments;
using Cairn.Wheelhouse;

namespace Cairn.Parts.Benchmarks;

/// <summary>
/// What <c>cairn prime</c> costs on a flask project once it has been built: with nothing changed, and after an
/// edit of app.py. The parts are the flask extension's (dependencies with flask, gunicorn and gevent from the
/// wheelhouse; install-app; config-files; logging) in bubblewrap on ubuntu@24.04. Each iteration makes a new
/// <see cref="Lifecycle"/>, as a CLI invocation would.
/// </summary>
public class PrimeBenchmarks
{
    private const int Daemon = 584792;
    private static readonly BaseName Noble = BaseName.Parse("ubuntu@24.04");
    private string root = "";
    private LifecycleOptions options = null!;
    private Part[] parts = [];
    private IBuildEnvironment environment = null!;
    private int edits;

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("cairn-parts-bench-").FullName;
        Write("project/app.py", "from flask import Flask\napp = Flask(__name__)\n");
        Write("project/requirements.txt", "flask\ngevent\n");
        Write("project/static/style.css", "body {}\n");
        Write("project/templates/index.html", "<p>hi</p>\n");
        Write("data/gunicorn.conf.py", "bind = [\"0.0.0.0:8000\"]\n");
        string[] files = ["app.py", "static", "templates"];
        parts =
        [
            new()
            {
                Name = "flask-framework/dependencies", Plugin = "python", Source = ".", StagePackages = ["python3-venv"],
                PluginProperties = [new("python-packages", ["gunicorn>=20.1"]), new("python-requirements", ["requirements.txt"])],
            },
            new()
            {
                Name = "flask-framework/install-app", Plugin = "dump", Source = ".",
                Organize = files.Select(f => new KeyValuePair<string, string>(f, "flask/app/" + f)).ToList(),
                Stage = files.Select(f => "flask/app/" + f).ToList(), Prime = files.Select(f => "flask/app/" + f).ToList(),
                Permissions = [new PermissionRule(Owner: Daemon, Group: Daemon)],
            },
            new() { Name = "flask-framework/config-files", Plugin = "dump", Source = Path.Combine(root, "data"), Organize = [new("gunicorn.conf.py", "flask/gunicorn.conf.py")] },
            new() { Name = "flask-framework/logging", Plugin = "nil", Overrides = new Dictionary<Step, string> { [Step.Build] = "craftctl default\nmkdir -p $CRAFT_PART_INSTALL/var/log/flask" } },
        ];
        options = new LifecycleOptions
        {
            ProjectDirectory = Path.Combine(root, "project"),
            WorkDirectory = Path.Combine(root, "work"),
            ProjectName = "bench",
            ProjectVersion = "0.1",
            Base = "ubuntu@24.04",
        };

        var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable);
        var wheelhouse = new WheelhouseBuilder(host).GetAsync(Noble, CancellationToken.None).GetAwaiter().GetResult();
        var caller = new Dictionary<string, string> { ["PIP_NO_INDEX"] = "1", ["PIP_FIND_LINKS"] = wheelhouse };
        var lifecycle = new Lifecycle(options, parts);
        environment = new BuildEnvironmentFactory(host).CreateAsync(
            new BuildEnvironmentRequest(Noble, Noble, lifecycle.BuildPackages, options.WorkDirectory, caller), CancellationToken.None).GetAwaiter().GetResult();
        var clock = Stopwatch.StartNew();
        lifecycle.RunAsync(environment, new LifecycleRunOptions(), CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// first prime (every step, environment ready): {clock.Elapsed.TotalSeconds:F1} s; prime holds {Directory.EnumerateFileSystemEntries(Path.Combine(options.WorkDirectory, "prime"), "*", SearchOption.AllDirectories).Count()} paths");

        // Where an app.py edit spends its time, step by step (printed once, not measured by BenchmarkDotNet).
        EditAppPy();
        clock.Restart();
        var started = TimeSpan.Zero;
        var progress = new StepTimer(e =>
        {
            if (e.Kind == LifecycleEventKind.Started) started = clock.Elapsed;
            if (e.Kind == LifecycleEventKind.Finished) Console.WriteLine($"//   {e.Part} {e.Step}: {(clock.Elapsed - started).TotalMilliseconds:F0} ms");
        });
        new Lifecycle(options, parts).RunAsync(environment, new LifecycleRunOptions { Progress = progress }, CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// prime after an app.py edit: {clock.Elapsed.TotalMilliseconds:F0} ms in all");
    }

    private sealed class StepTimer(Action<LifecycleEvent> report) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value) => report(value);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);

    [IterationSetup(Target = nameof(PrimeAfterAppPyEdit))]
    public void EditAppPy() => Write("project/app.py", $"from flask import Flask\napp = Flask(__name__)\n# edit {++edits}\n");

    [Benchmark]
    public async Task<bool> PrimeNothingChanged()
    {
        var result = await new Lifecycle(options, parts).RunAsync(environment, new LifecycleRunOptions(), CancellationToken.None);
        return result.AnyStepRan ? throw new InvalidOperationException("a step ran although nothing changed") : false;
    }

    [Benchmark]
    public async Task<bool> PrimeAfterAppPyEdit()
    {
        var result = await new Lifecycle(options, parts).RunAsync(environment, new LifecycleRunOptions(), CancellationToken.None);
        return result.Steps.Any(s => s.Ran && s.Part == "flask-framework/dependencies")
            ? throw new InvalidOperationException("the dependencies part ran after an app.py edit")
            : result.AnyStepRan;
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}

using System.Diagnostics;
using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;
using Cairn.Wheelhouse;

// Usage: dotnet Cairn.Sandbox.Benchmarks.dll [--cold]
//   always: cached base ready (5 runs), venv + pip install of flask, gunicorn, gevent in the environment (3 runs)
//   --cold: also cold base creation for each base, in a throw-away cache
var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable);
var bases = new[] { BaseName.Parse("ubuntu@22.04"), BaseName.Parse("ubuntu@24.04") };
Console.WriteLine($"| measurement | runs | median | min | max |");
Console.WriteLine($"|---|---|---|---|---|");

if (args.Contains("--cold"))
{
    foreach (var @base in bases)
    {
        var cold = Directory.CreateTempSubdirectory("cairn-bench-cache-");
        var coldHost = host with { Cache = new CacheLayout(cold.FullName) };
        Report($"cold base creation {@base}", [await TimeAsync(() => new BaseStore(coldHost).GetAsync(new BaseRequest(@base), CancellationToken.None))]);
        FileTree.Delete(cold.FullName);
    }
}

foreach (var @base in bases)
{
    var store = new BaseStore(host);
    await store.GetAsync(new BaseRequest(@base), CancellationToken.None);
    var runs = new List<double>();
    for (var i = 0; i < 5; i++)
        runs.Add(await TimeAsync(() => new BaseStore(host).GetAsync(new BaseRequest(@base), CancellationToken.None)));
    Report($"cached base ready {@base}", runs);

    // What a build waits for before its first step: base and environment found in the cache.
    var work = Directory.CreateTempSubdirectory("cairn-bench-work-");
    var request = new Cairn.Sandbox.Environments.BuildEnvironmentRequest(@base, @base, [], work.FullName, new Dictionary<string, string>());
    await new Cairn.Sandbox.Environments.BuildEnvironmentFactory(host).CreateAsync(request, CancellationToken.None);
    runs.Clear();
    for (var i = 0; i < 5; i++)
        runs.Add(await TimeAsync(() => new Cairn.Sandbox.Environments.BuildEnvironmentFactory(host).CreateAsync(request, CancellationToken.None)));
    Report($"cached build environment ready {@base}", runs);
    FileTree.Delete(work.FullName);
}

var noble = bases[1];
var wheelhouse = await new WheelhouseBuilder(host).GetAsync(noble, CancellationToken.None);
// The verifier's environment is made once before timing, so every run measures venv + pip only.
var warm = Directory.CreateTempSubdirectory("cairn-bench-work-");
await new Cairn.Sandbox.Environments.BuildEnvironmentFactory(host).CreateAsync(
    new Cairn.Sandbox.Environments.BuildEnvironmentRequest(noble, noble, WheelhouseVerifier.BuildPackages, warm.FullName, new Dictionary<string, string>()), CancellationToken.None);
FileTree.Delete(warm.FullName);
var pip = new List<double>();
for (var i = 0; i < 3; i++)
{
    var work = Directory.CreateTempSubdirectory("cairn-bench-work-");
    pip.Add(await TimeAsync(async () =>
    {
        var (exit, output) = await WheelhouseVerifier.VerifyAsync(host, noble, wheelhouse, work.FullName, CancellationToken.None);
        if (exit != 0)
            throw new InvalidOperationException(string.Join('\n', output));
    }));
    FileTree.Delete(work.FullName);
}

Report($"venv + pip install flask gunicorn gevent ({noble}, environment cached)", pip);
return;

static async Task<double> TimeAsync(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalSeconds;
}

static string Format(double seconds) => seconds < 1 ? $"{seconds * 1000:F2} ms" : $"{seconds:F1} s";

static void Report(string name, List<double> seconds)
{
    var sorted = seconds.Order().ToArray();
    Console.WriteLine($"| {name} | {sorted.Length} | {Format(sorted[sorted.Length / 2])} | {Format(sorted[0])} | {Format(sorted[^1])} |");
}

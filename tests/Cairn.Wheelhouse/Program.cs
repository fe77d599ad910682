using Cairn.Bases;
using Cairn.Diagnostics;
using Cairn.Diagnostics.Reporting;
using Cairn.Sandbox;
using Cairn.Sandbox.Caching;
using Cairn.Wheelhouse;

// Prints the wheelhouse directory for a base (building it first if the cache lacks it); progress on stderr.
// With --verify it then installs flask, gunicorn and gevent from it into a venv in the base's build
// environment and imports them (scripts and the rootless tests use this).
// With --check-sandbox it runs the sandbox's integration checks and prints what it saw (SandboxCheck).
// With --with python3-a,python3-b the wheelhouse also holds those packages' closures (bench/pack's larger project).
// Usage: dotnet Cairn.Wheelhouse.dll ubuntu@24.04 [--verify | --with PACKAGES] | dotnet Cairn.Wheelhouse.dll --check-sandbox
var check = args is ["--check-sandbox"];
var extra = args is [_, "--with", var list] ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : null;
if (!check && extra is null && (args.Length is < 1 or > 2 || (args.Length == 2 && args[1] != "--verify")))
{
    Console.Error.WriteLine("usage: Cairn.Wheelhouse <base> [--verify | --with python3-x,python3-y]   (base: ubuntu@22.04 or ubuntu@24.04)\n       Cairn.Wheelhouse --check-sandbox");
    return 2;
}

try
{
    var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable) with { Reporter = Reporter.To(Console.Error) };
    if (check)
    {
        var work = Directory.CreateTempSubdirectory("cairn-sandbox-check-");
        try
        {
            foreach (var line in await SandboxCheck.RunAsync(host, work.FullName, CancellationToken.None))
                Console.WriteLine(line);
        }
        finally
        {
            FileTree.Delete(work.FullName);
        }

        return 0;
    }

    var @base = BaseName.Parse(args[0]);
    var wheelhouse = await new WheelhouseBuilder(host).GetAsync(@base, CancellationToken.None, extra);
    Console.WriteLine(wheelhouse);
    if (args is [_, "--verify"])
    {
        var work = Directory.CreateTempSubdirectory("cairn-wheelhouse-verify-");
        try
        {
            var (exit, output) = await WheelhouseVerifier.VerifyAsync(host, @base, wheelhouse, work.FullName, CancellationToken.None);
            foreach (var line in output)
                Console.Error.WriteLine(line);
            if (exit != 0)
                return 1;
            Console.WriteLine(output[^1]);
        }
        finally
        {
            FileTree.Delete(work.FullName);
        }
    }

    return 0;
}
catch (CairnException e)
{
    foreach (var d in e.Diagnostics)
        Console.Error.WriteLine($"error: {d.Message}" + (d.Hint is null ? "" : $"\nhint: {d.Hint}"));
    return (int)e.Kind;
}

using Cairn.Diagnostics;
using Cairn.Sandbox;
using Cairn.Sandbox.Bases;
using Cairn.Wheelhouse;

// Prints the wheelhouse directory for a base (building it first if the cache lacks it); progress on stderr.
// Usage: dotnet Cairn.Wheelhouse.dll ubuntu@24.04
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Cairn.Wheelhouse <base>   (ubuntu@22.04 or ubuntu@24.04)");
    return 2;
}

try
{
    var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable) with
    {
        OnProgress = line => Console.Error.WriteLine(line),
        OnWarning = line => Console.Error.WriteLine(line),
    };
    Console.WriteLine(await new WheelhouseBuilder(host).GetAsync(BaseName.Parse(args[0]), CancellationToken.None));
    return 0;
}
catch (CairnException e)
{
    foreach (var d in e.Diagnostics)
        Console.Error.WriteLine($"error: {d.Message}" + (d.Hint is null ? "" : $"\nhint: {d.Hint}"));
    return (int)e.Kind;
}

using BenchmarkDotNet.Running;

namespace Cairn.StatsdExporter.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter *</c> runs the BenchmarkDotNet suites (ingest, mapper, scrape);
/// <c>dotnet run -c Release -- cpu</c> runs the same in-process workloads timed by CPU time (robust on a shared machine);
/// <c>dotnet run -c Release -- e2e [binary]</c> measures the published binary over real sockets.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "e2e")
            return EndToEnd.Run(args);
        if (args.Length > 0 && args[0] == "cpu")
            return CpuTime.Run(args.Length > 1 ? args[1] : "");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

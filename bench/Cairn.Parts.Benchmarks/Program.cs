using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/Cairn.Parts.Benchmarks -- --filter '*'
// Needs bwrap and mmdebstrap (the first run makes the ubuntu@24.04 base, environment and wheelhouse).
// In-process, as the other benchmarks: BenchmarkDotNet's generated project builds too slowly on a shared 2-core machine.
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(1)
    .WithIterationCount(10)
    .WithToolchain(InProcessEmitToolchain.Instance);
BenchmarkSwitcher.FromAssembly(typeof(Cairn.Parts.Benchmarks.PrimeBenchmarks).Assembly).Run(args, DefaultConfig.Instance.AddJob(job));

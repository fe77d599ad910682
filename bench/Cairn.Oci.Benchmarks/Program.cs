using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/Cairn.Oci.Benchmarks -- --filter '*LayerWriteBenchmarks*'   (BaseImportBenchmarks needs CAIRN_BENCH_BASE_TAR)
// In-process: on a shared 2-core machine BenchmarkDotNet's generated project can take longer than its
// 2-minute build timeout. Each operation moves ~100 MB, so a few monitored iterations are enough.
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(1)
    .WithIterationCount(5)
    .WithToolchain(InProcessEmitToolchain.Instance);
BenchmarkSwitcher.FromAssembly(typeof(Cairn.Oci.Benchmarks.LayerWriteBenchmarks).Assembly).Run(args, DefaultConfig.Instance.AddJob(job));

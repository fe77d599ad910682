using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Cairn.Oci.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Cairn.Oci.Benchmarks.LayerWriteBenchmarks).Assembly).Run(args);

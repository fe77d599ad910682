using BenchmarkDotNet.Attributes;
using Cairn.Oci.Layers;
using Cairn.Oci.Storage;

namespace Cairn.Oci.Benchmarks;

/// <summary>
/// A real base root filesystem (mmdebstrap's tar, named by <c>CAIRN_BENCH_BASE_TAR</c>): a cold import (read,
/// normalise, gzip, index) against loading a saved import, which is what a pack with a cached base pays.
/// </summary>
[MemoryDiagnoser]
public class BaseImportBenchmarks
{
    private string _root = "";
    private string _tar = "";
    private string _saved = "";

    [GlobalSetup]
    public void Setup()
    {
        _tar = Environment.GetEnvironmentVariable("CAIRN_BENCH_BASE_TAR")
            ?? throw new InvalidOperationException("set CAIRN_BENCH_BASE_TAR to a base tar (e.g. one made by mmdebstrap)");
        _root = Directory.CreateTempSubdirectory("cairn-bench-base-").FullName;
        Console.WriteLine($"// base: {_tar}, {new FileInfo(_tar).Length / 1_000_000.0:F1} MB");
        var store = new BlobStore(Path.Combine(_root, "saved-store"));
        var result = new BaseLayerImporter(store).ImportAsync(_tar).GetAwaiter().GetResult();
        _saved = Path.Combine(_root, "base.json");
        result.SaveAsync(_saved).GetAwaiter().GetResult();
        Console.WriteLine($"// layer: {result.Layer.Descriptor.Size / 1_000_000.0:F1} MB gzip, {result.Index.Entries.Count} paths, {result.Omitted.Count} omitted");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [IterationCleanup]
    public void DropStore()
    {
        var store = Path.Combine(_root, "store");
        if (Directory.Exists(store))
            Directory.Delete(store, recursive: true);
    }

    [Benchmark(Description = "import: base tar -> normalised tar.gz + index")]
    public Task<BaseLayerResult> Import() => new BaseLayerImporter(new BlobStore(Path.Combine(_root, "store"))).ImportAsync(_tar);

    [Benchmark(Description = "load a saved import (cached base)")]
    public BaseLayerResult? LoadSaved() => BaseLayerResult.TryLoad(_saved, new BlobStore(Path.Combine(_root, "saved-store")));
}

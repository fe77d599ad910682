using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Cairn.Oci.Layers;
using Cairn.Oci.Storage;

namespace Cairn.Oci.Benchmarks;

/// <summary>
/// Layer write + digest throughput: a ~100 MB tree of mixed file sizes read from disk, tarred, hashed
/// (diff id), gzipped, hashed again and stored; and a base tar of the same tree imported. MB/s = TotalMegabytes / Mean.
/// </summary>
[MemoryDiagnoser]
public class LayerWriteBenchmarks
{
    private string _root = "";
    private List<LayerEntry> _entries = [];
    private string _baseTar = "";

    /// <summary>Size of the tree (printed so the throughput can be computed).</summary>
    public double TotalMegabytes { get; private set; }

    [Params(CompressionLevel.Optimal, CompressionLevel.Fastest)]
    public CompressionLevel Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("cairn-bench-").FullName;
        var (files, total) = SyntheticTree.Create(Path.Combine(_root, "tree"));
        TotalMegabytes = total / 1_000_000.0;
        Console.WriteLine($"// tree: {files.Count} files, {TotalMegabytes:F1} MB");
        _entries = files.Select(f => LayerEntry.File(f.RelativePath, LayerContent.FromFile(f.HostPath))).ToList();

        // The same tree as an uncompressed tar, the shape mmdebstrap hands over.
        _baseTar = Path.Combine(_root, "base.tar");
        System.Formats.Tar.TarFile.CreateFromDirectory(Path.Combine(_root, "tree"), _baseTar, includeBaseDirectory: false);
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

    [Benchmark(Baseline = true, Description = "sha256 of the files only (read + hash bound)")]
    public async Task<int> HashFilesOnly()
    {
        var count = 0;
        foreach (var entry in _entries)
        {
            await using var stream = entry.Content!.OpenRead();
            count += (await Digest.ComputeAsync(stream)).Hex.Length;
        }

        return count;
    }

    [Benchmark(Description = "LayerWriter: tree -> tar.gz blob, digest and diff id")]
    public Task<Layer> WriteLayer() =>
        new LayerWriter(new BlobStore(Path.Combine(_root, "store")), new LayerWriterOptions { Compression = Level }).WriteAsync(_entries);

    [Benchmark(Description = "BaseLayerImporter: tar -> normalised tar.gz blob + index")]
    public Task<BaseLayerResult> ImportBase() =>
        new BaseLayerImporter(new BlobStore(Path.Combine(_root, "store")), new LayerWriterOptions { Compression = Level }).ImportAsync(_baseTar);
}

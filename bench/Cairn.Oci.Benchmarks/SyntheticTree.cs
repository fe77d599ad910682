using System.Text;

namespace Cairn.Oci.Benchmarks;

/// <summary>
/// About 100 MB of files of mixed sizes, like a venv plus an app: many small files, some medium ones, two large.
/// Content is half text-like (compressible) and half random, so gzip does real work without having it easy.
/// The same seed gives the same tree.
/// </summary>
internal static class SyntheticTree
{
    public static (List<(string RelativePath, string HostPath)> Files, long TotalBytes) Create(string root)
    {
        var random = new Random(20261124);
        var files = new List<(string, string)>();
        long total = 0;
        var sizes = Enumerable.Range(0, 3000).Select(_ => random.Next(1 << 10, 16 << 10))
            .Concat(Enumerable.Range(0, 100).Select(_ => random.Next(100 << 10, 1 << 20)))
            .Concat([10 << 20, 10 << 20])
            .ToList();
        for (var i = 0; i < sizes.Count; i++)
        {
            var relative = $"lib/python3.12/site-packages/pkg{i % 40}/sub{i % 7}/module{i}.py";
            var host = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(host)!);
            File.WriteAllBytes(host, Content(random, sizes[i]));
            files.Add((relative, host));
            total += sizes[i];
        }

        return (files, total);
    }

    private static byte[] Content(Random random, int size)
    {
        var bytes = new byte[size];
        var text = Encoding.ASCII.GetBytes("def handler(request):\n    return render_template('index.html', items=items)\n");
        for (var block = 0; block < size; block += 4096)
        {
            var span = bytes.AsSpan(block, Math.Min(4096, size - block));
            if ((block / 4096) % 2 == 0)
            {
                for (var i = 0; i < span.Length; i++)
                    span[i] = text[(i + block) % text.Length];
            }
            else
            {
                random.NextBytes(span);
            }
        }

        return bytes;
    }
}

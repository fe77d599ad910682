using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// A part's <c>source</c>: a local directory (copied, with Rockcraft's exclusions) or a local tar archive
/// (extracted, a single top-level directory stripped). Knows how to fingerprint itself for dirty checks.
/// </summary>
public sealed class PartSource
{
    private readonly string part;
    private readonly string? excludedWorkDirectory;
    private readonly bool isWorkDirectory;

    private PartSource(string part, string kind, string path, string? excludedWorkDirectory, bool isWorkDirectory)
    {
        this.part = part;
        Kind = kind;
        FullPath = path;
        this.excludedWorkDirectory = excludedWorkDirectory;
        this.isWorkDirectory = isWorkDirectory;
    }

    /// <summary><c>local</c> or <c>tar</c>.</summary>
    public string Kind { get; }

    /// <summary>The absolute path of the directory or archive.</summary>
    public string FullPath { get; }

    /// <summary>Resolves <paramref name="definition"/>'s source, or null when it has none.</summary>
    public static PartSource? Resolve(Part definition, LifecycleOptions options)
    {
        var source = definition.Source;
        if (string.IsNullOrEmpty(source)) return null;
        if (source.Contains("://", StringComparison.Ordinal) || source.StartsWith("git@", StringComparison.Ordinal) || source.StartsWith("git+", StringComparison.Ordinal))
            throw PartsErrors.BadSource(definition.Name, $"remote source '{source}' is not supported yet",
                "download it next to the project and give its local path as 'source'");
        var path = Path.GetFullPath(Path.Combine(options.ProjectDirectory, source));
        var kind = definition.SourceType ?? DetectKind(source, path);
        if (kind is not ("local" or "tar"))
            throw PartsErrors.BadSource(definition.Name, $"source-type '{kind}' is not supported yet", "use a local directory or a tar archive");
        if (kind == "local" && !Directory.Exists(path))
            throw PartsErrors.BadSource(definition.Name, $"source directory '{path}' does not exist");
        if (kind == "tar" && !File.Exists(path))
            throw PartsErrors.BadSource(definition.Name, $"source archive '{path}' does not exist");
        var work = Path.GetFullPath(options.WorkDirectory);
        var excluded = work != path && work.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal) ? Path.GetRelativePath(path, work) : null;
        return new PartSource(definition.Name, kind, path, excluded, work == path.TrimEnd('/'));
    }

    private static string DetectKind(string source, string path)
    {
        if (source.EndsWith(".tar", StringComparison.Ordinal) || source.Contains(".tar.", StringComparison.Ordinal) || source.EndsWith(".tgz", StringComparison.Ordinal))
            return "tar";
        if (source.EndsWith(".git", StringComparison.Ordinal)) return "git";
        if (source.StartsWith('.') || source.StartsWith('/') || Directory.Exists(path)) return "local";
        return File.Exists(path) ? "file" : "local";
    }

    /// <summary>
    /// Whether a path of a local source (relative, '/'-separated) is pulled: Rockcraft leaves out <c>.craft</c>,
    /// <c>*.rock</c>, and the work directory's own <c>parts</c>, <c>stage</c>, <c>prime</c> when they sit in the source;
    /// cairn also the bill of materials pack writes beside a rock (<c>*.spdx.json</c>), or packing in the project
    /// directory would change the next pack's input.
    /// </summary>
    public bool IsPulled(string relative)
    {
        var name = relative[(relative.LastIndexOf('/') + 1)..];
        if (name == ".craft" || name.EndsWith(".rock", StringComparison.Ordinal) || name.EndsWith(".spdx.json", StringComparison.Ordinal)) return false;
        if (excludedWorkDirectory is not null && (relative == excludedWorkDirectory || relative.StartsWith(excludedWorkDirectory + "/", StringComparison.Ordinal)))
            return false;
        if (isWorkDirectory && relative is "parts" or "stage" or "prime" or "overlay")
            return false;
        return true;
    }

    /// <summary>
    /// A hash of what the pull would copy (names, kinds, sizes, modification times, modes, link targets), limited to
    /// the paths <paramref name="relevant"/> accepts (all when null). Content is not read, so this stays fast on
    /// large trees; an edit changes the modification time.
    /// </summary>
    public string Fingerprint(Func<string, bool>? relevant)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Kind == "tar")
        {
            AddFile(hash, "archive", FullPath);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        var tree = FileTree.Scan(FullPath, rel => IsPulled(rel) && (relevant is null || relevant(rel)));
        foreach (var (rel, kind) in tree.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var full = Path.Combine(FullPath, rel);
            switch (kind)
            {
                case EntryKind.Directory:
                    hash.AppendData(Encoding.UTF8.GetBytes($"d {rel} {(int)File.GetUnixFileMode(full)}\n"));
                    break;
                case EntryKind.Symlink:
                    hash.AppendData(Encoding.UTF8.GetBytes($"l {rel} {new FileInfo(full).LinkTarget}\n"));
                    break;
                default:
                    AddFile(hash, rel, full);
                    break;
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AddFile(IncrementalHash hash, string label, string full)
    {
        var info = new FileInfo(full);
        hash.AppendData(Encoding.UTF8.GetBytes($"f {label} {info.Length} {info.LastWriteTimeUtc.Ticks} {(int)File.GetUnixFileMode(full)}\n"));
    }

    /// <summary>Fills <paramref name="target"/> (which must be empty) with the source.</summary>
    public void Pull(string target)
    {
        Directory.CreateDirectory(target);
        if (Kind == "local")
        {
            // Copied, not linked: a later step or script writing into its tree must never change the user's files.
            FileTree.CopyTree(FullPath, target, link: false, IsPulled);
            return;
        }

        ExtractTar(target);
    }

    private void ExtractTar(string target)
    {
        using var file = File.OpenRead(FullPath);
        Stream stream = FullPath.EndsWith(".gz", StringComparison.Ordinal) || FullPath.EndsWith(".tgz", StringComparison.Ordinal)
            ? new GZipStream(file, CompressionMode.Decompress)
            : FullPath.EndsWith(".tar", StringComparison.Ordinal)
                ? file
                : throw PartsErrors.BadSource(part, $"archive '{FullPath}' is compressed in a way cairn cannot read yet", "use a .tar or .tar.gz archive");
        using var _ = stream;
        var entries = new List<(string Name, TarEntry Entry, MemoryStream? Data)>();
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                if (name.Length == 0) continue;
                MemoryStream? data = null;
                if (entry.DataStream is not null)
                {
                    data = new MemoryStream();
                    entry.DataStream.CopyTo(data);
                }

                entries.Add((name.TrimEnd('/'), entry, data));
            }
        }

        // As craft-parts does: an archive whose entries all sit in one top-level directory is unpacked without it.
        var tops = entries.Select(e => e.Name.Split('/')[0]).Distinct().ToList();
        var strip = tops.Count == 1 && entries.Any(e => e.Name.Contains('/'))
            && entries.All(e => e.Name == tops[0] ? e.Entry.EntryType == TarEntryType.Directory : true) ? tops[0] + "/" : null;
        var root = Path.GetFullPath(target).TrimEnd('/') + "/";
        foreach (var (rawName, entry, data) in entries)
        {
            var name = rawName;
            if (strip is not null)
            {
                if (name + "/" == strip) continue;
                name = name[strip.Length..];
            }

            var dest = Path.GetFullPath(Path.Combine(target, name));
            if (!dest.StartsWith(root, StringComparison.Ordinal))
                throw PartsErrors.BadSource(part, $"archive '{FullPath}' has an entry '{rawName}' outside its own directory");
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(dest);
                    break;
                case TarEntryType.SymbolicLink:
                    FileTree.DeleteEntry(dest);
                    File.CreateSymbolicLink(dest, entry.LinkName);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    FileTree.DeleteEntry(dest);
                    using (var output = File.Create(dest))
                        data?.WriteTo(output);
                    File.SetUnixFileMode(dest, (UnixFileMode)((int)entry.Mode & 0x1FF));
                    File.SetLastWriteTimeUtc(dest, entry.ModificationTime.UtcDateTime);
                    break;
                default:
                    // Hard links, devices and FIFOs are not expected in a source archive.
                    break;
            }
        }
    }
}

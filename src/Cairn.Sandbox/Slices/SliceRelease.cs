using Cairn.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Sandbox.Slices;

/// <summary>
/// A directory of slice definitions in chisel's own format (a checkout of a chisel-releases branch): a
/// <c>chisel.yaml</c> at its top and one <c>slices/PACKAGE.yaml</c> per package, read when first asked for.
/// </summary>
public sealed class SliceRelease
{
    private readonly Dictionary<string, string> _files;
    private readonly Dictionary<string, PackageSlices> _read = new(StringComparer.Ordinal);

    private SliceRelease(string directory, Dictionary<string, string> files)
    {
        Directory = directory;
        _files = files;
    }

    /// <summary>The release's directory.</summary>
    public string Directory { get; }

    /// <summary>The release at <paramref name="directory"/>; CAIRN4009 when it is not one.</summary>
    public static SliceRelease Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, "chisel.yaml")) || !System.IO.Directory.Exists(Path.Combine(full, "slices")))
            throw CairnException.User(SandboxErrorCodes.SliceDefinitionInvalid, $"cannot use the chisel release {full}: it has no chisel.yaml and slices/ directory",
                "point CAIRN_CHISEL_RELEASE at a checkout of a chisel-releases branch for the build base (ubuntu-24.04 for ubuntu@24.04)");
        // chisel-releases keeps one file per package; a release may group them in folders, so any depth is read.
        var files = System.IO.Directory.EnumerateFiles(Path.Combine(full, "slices"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return new SliceRelease(full, files);
    }

    /// <summary>
    /// A hash of the release's definitions (chisel.yaml and every slices file, by path and content), so that a
    /// pull redoes its cut when they change; a directory that is not a release hashes as such and fails at the cut.
    /// </summary>
    public static string Fingerprint(string directory)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var full = Path.GetFullPath(directory);
        var files = System.IO.Directory.Exists(Path.Combine(full, "slices"))
            ? System.IO.Directory.EnumerateFiles(Path.Combine(full, "slices"), "*.yaml", SearchOption.AllDirectories) : [];
        foreach (var file in files.Prepend(Path.Combine(full, "chisel.yaml")).Where(File.Exists).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(full, file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData("\0"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether the release defines slices of <paramref name="package"/>.</summary>
    public bool Defines(string package) => _files.ContainsKey(package);

    /// <summary>The slices of <paramref name="package"/>, or null when the release has none for it.</summary>
    public PackageSlices? Get(string package)
    {
        if (_read.TryGetValue(package, out var known)) return known;
        if (!_files.TryGetValue(package, out var file)) return null;
        return _read[package] = Parse(package, File.ReadAllText(file), file);
    }

    /// <summary>Parses one <c>slices/PACKAGE.yaml</c>; <paramref name="file"/> names it in errors.</summary>
    public static PackageSlices Parse(string package, string yaml, string file)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping ? mapping : throw Invalid(file, "it is not a mapping");
        }
        catch (YamlException e)
        {
            throw Invalid(file, $"line {e.Start.Line}: {e.Message}");
        }

        if (Scalar(root, "package") != package)
            throw Invalid(file, $"its 'package' must be '{package}', the file's name");
        var slices = new Dictionary<string, SliceDefinition>(StringComparer.Ordinal);
        if (Child(root, "slices") is YamlMappingNode definitions)
        {
            foreach (var (key, value) in definitions.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                var slice = value as YamlMappingNode ?? new YamlMappingNode();
                slices[name] = new SliceDefinition(package, name, Essentials(slice, file), Contents(slice, file, $"{package}_{name}"));
            }
        }

        return new PackageSlices(package, Essentials(root, file), slices);
    }

    /// <summary><c>essential</c>: a list of slice names (chisel's v1 format) or a map of them to options such as <c>arch</c> (v2 and later).</summary>
    private static List<(string, IReadOnlyList<string>)> Essentials(YamlMappingNode node, string file) => Child(node, "essential") switch
    {
        null => [],
        YamlSequenceNode list => [.. list.Children.Select(c => (((YamlScalarNode)c).Value ?? "", (IReadOnlyList<string>)[]))],
        YamlMappingNode map => [.. map.Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", Architectures(c.Value as YamlMappingNode)))],
        _ => throw Invalid(file, "'essential' must be a list or a map of slice names"),
    };

    private static List<SliceContent> Contents(YamlMappingNode slice, string file, string sliceName)
    {
        var contents = new List<SliceContent>();
        if (Child(slice, "contents") is not YamlMappingNode entries) return contents;
        foreach (var (key, value) in entries.Children)
        {
            var path = ((YamlScalarNode)key).Value ?? "";
            if (!path.StartsWith('/')) throw Invalid(file, $"slice {sliceName}: the content path '{path}' is not absolute");
            var options = value as YamlMappingNode ?? new YamlMappingNode();
            var (kind, text) = Scalar(options, "copy") is { } copy ? (SliceContentKind.Copy, copy)
                : Scalar(options, "text") is { } content ? (SliceContentKind.Text, content)
                : Scalar(options, "symlink") is { } target ? (SliceContentKind.Symlink, target)
                : Scalar(options, "make") == "true" ? (SliceContentKind.Make, null)
                : Scalar(options, "generate") is not null ? (SliceContentKind.Generate, null)
                : (SliceContentKind.Extract, (string?)null);
            int? mode = Scalar(options, "mode") is { } m ? ParseMode(m, file, sliceName, path) : null;
            contents.Add(new SliceContent(path, kind, text, mode, Architectures(options), Scalar(options, "until") == "mutate"));
        }

        return contents;
    }

    private static IReadOnlyList<string> Architectures(YamlMappingNode? options) => options is null ? [] : Child(options, "arch") switch
    {
        YamlScalarNode one when one.Value is { Length: > 0 } arch => [arch],
        YamlSequenceNode many => [.. many.Children.OfType<YamlScalarNode>().Select(a => a.Value ?? "")],
        _ => [],
    };

    /// <summary>A mode as YAML writes it: <c>0755</c>, <c>0o755</c> or <c>755</c>, all octal as chisel reads them.</summary>
    private static int ParseMode(string text, string file, string slice, string path)
    {
        var digits = text.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return digits.Length > 0 && digits.All(c => c is >= '0' and <= '7') && digits.Length <= 5
            ? Convert.ToInt32(digits, 8)
            : throw Invalid(file, $"slice {slice}: the mode '{text}' of {path} is not an octal number");
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode { Value: var v } ? v : null;

    internal static CairnException Invalid(string file, string why) =>
        CairnException.User(SandboxErrorCodes.SliceDefinitionInvalid, $"cannot read the slice definitions in {file}: {why}",
            "fix the file, or unset CAIRN_CHISEL_RELEASE to stage whole packages");
}

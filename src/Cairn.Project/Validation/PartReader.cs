using Cairn.Diagnostics;
using System.Globalization;
using Cairn.Project.Model;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Validation;

/// <summary>Reads and checks one part definition (the craft-parts keys and the python plugin's, docs/project-file.md "Parts").</summary>
public sealed class PartReader
{
    private static readonly string[] StringKeys =
    [
        "plugin", "source", "source-type", "source-tag", "source-branch", "source-commit", "source-subdir",
        "source-checksum", "override-pull", "override-build", "override-stage", "override-prime", "overlay-script",
        "override-overlay",
    ];

    private static readonly string[] ListKeys =
    [
        "after", "stage-packages", "build-packages", "stage-snaps", "build-snaps", "stage", "prime",
        "overlay-packages", "overlay", "build-attributes", "source-submodules",
    ];

    private static readonly string[] OtherKeys = ["source-depth", "organize", "permissions", "build-environment", "disable-parallel"];

    /// <summary>craft-parts' plugins; which of them cairn can build is the parts engine's business.</summary>
    public static readonly IReadOnlyList<string> KnownPlugins =
    [
        "ant", "autotools", "cargo-use", "cmake", "dotnet", "dump", "go", "go-use", "gradle", "jlink", "make", "maven",
        "maven-use", "meson", "nil", "npm", "poetry", "python", "qmake", "rust", "scons", "uv",
    ];

    private static readonly string[] SourceTypes = ["local", "git", "tar", "zip", "deb", "rpm", "snap", "7z", "file"];

    private static readonly Dictionary<string, string[]> PluginKeys = new(StringComparer.Ordinal)
    {
        ["python"] = ["python-requirements", "python-constraints", "python-packages"],
    };

    private readonly ProblemList problems;
    private readonly FieldReader read;

    /// <param name="problems">Where problems go.</param>
    public PartReader(ProblemList problems)
    {
        this.problems = problems;
        read = new FieldReader(problems);
    }

    /// <summary>Reads part <paramref name="name"/>; null when it has problems (they are recorded).</summary>
    public PartDefinition? Read(string name, YamlNode node)
    {
        var before = problems.Count;
        if (YamlNodes.IsNull(node))
            return new PartDefinition { Name = name };
        if (read.Mapping(node, $"part '{name}'") is not { } map)
            return null;

        var plugin = YamlNodes.Get(map, "plugin") is { } pluginNode ? read.String(pluginNode, $"part '{name}' key 'plugin'") : null;
        if (plugin is not null && !KnownPlugins.Contains(plugin))
        {
            problems.Add(ProjectErrorCodes.InvalidPart, YamlNodes.Get(map, "plugin"), $"cannot use plugin '{plugin}' in part '{name}': no such plugin",
                Suggestions.Hint(plugin, KnownPlugins) ?? $"plugins: {string.Join(", ", KnownPlugins)}");
        }

        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var pluginProperties = new List<KeyValuePair<string, object>>();
        IReadOnlyList<KeyValuePair<string, string>> organize = [];
        IReadOnlyList<Permission> permissions = [];
        IReadOnlyList<EnvironmentVariable> buildEnvironment = [];
        var disableParallel = false;
        string? depth = null;

        foreach (var (keyNode, value) in map.Children)
        {
            if (read.Key(keyNode, $"part '{name}'") is not { } key)
                continue;
            var what = $"part '{name}' key '{key}'";
            if (StringKeys.Contains(key))
            {
                if (read.String(value, what) is { } s)
                    strings[key] = s;
            }
            else if (ListKeys.Contains(key))
            {
                if (read.StringList(value, what) is { } l)
                    lists[key] = l;
            }
            else if (key == "source-depth")
            {
                depth = read.Integer(value, what)?.ToString(CultureInfo.InvariantCulture);
            }
            else if (key == "disable-parallel")
            {
                disableParallel = read.Boolean(value, what) ?? false;
            }
            else if (key == "organize")
            {
                organize = read.StringMap(value, what) ?? [];
            }
            else if (key == "permissions")
            {
                permissions = ReadPermissions(value, what);
            }
            else if (key == "build-environment")
            {
                buildEnvironment = ReadBuildEnvironment(value, what);
            }
            else if (plugin is not null && IsPluginKey(plugin, key))
            {
                if (PluginKeys.ContainsKey(plugin))
                {
                    // The python plugin's keys are all lists of strings.
                    if (read.StringList(value, what) is { } l)
                        pluginProperties.Add(new(key, l));
                }
                else if (read.StringOrList(value, what) is { } v)
                {
                    pluginProperties.Add(new(key, v.Count == 1 && value is YamlScalarNode ? v[0] : v));
                }
            }
            else
            {
                var known = StringKeys.Concat(ListKeys).Concat(OtherKeys)
                    .Concat(plugin is not null && PluginKeys.TryGetValue(plugin, out var pk) ? pk : []);
                problems.Add(ProjectErrorCodes.UnknownKey, keyNode, $"cannot read part '{name}': unknown key '{key}'",
                    Suggestions.Hint(key, known));
            }
        }

        if (strings.TryGetValue("source-type", out var sourceType) && !SourceTypes.Contains(sourceType))
        {
            problems.Add(ProjectErrorCodes.InvalidPart, YamlNodes.Get(map, "source-type"),
                $"cannot read part '{name}': unknown source-type '{sourceType}'", $"source types: {string.Join(", ", SourceTypes)}");
        }

        // A source is pinned by at most one of a tag, a branch or a commit.
        var refs = new[] { "source-tag", "source-branch", "source-commit" }.Where(strings.ContainsKey).ToList();
        if (refs.Count > 1)
        {
            problems.Add(ProjectErrorCodes.InvalidPart, YamlNodes.Get(map, refs[1]),
                $"cannot read part '{name}': {EnglishList.Join(refs.Select(r => $"'{r}'").ToList(), "and")} cannot be used together",
                "pin the source with one of them");
        }

        // The overlay step runs either the overlay script or its override, never both.
        if (strings.ContainsKey("overlay-script") && strings.ContainsKey("override-overlay"))
        {
            problems.Add(ProjectErrorCodes.InvalidPart, YamlNodes.Get(map, "override-overlay"),
                $"cannot read part '{name}': 'overlay-script' and 'override-overlay' cannot be used together", "keep one of them");
        }

        if (lists.TryGetValue("stage-packages", out var stagePackages)
            && stagePackages.Any(p => p.Contains('_')) && stagePackages.Any(p => !p.Contains('_')))
        {
            problems.Add(ProjectErrorCodes.InvalidPart, YamlNodes.Get(map, "stage-packages"),
                $"cannot read part '{name}': its stage-packages mix chisel slices (package_slice) and whole packages",
                "put the slices and the packages in two parts");
        }

        if (problems.Count > before)
            return null;

        var sourceOptions = strings.Where(p => p.Key.StartsWith("source-", StringComparison.Ordinal) && p.Key != "source-type")
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (depth is not null)
            sourceOptions["source-depth"] = depth;
        IReadOnlyList<string> List(string key) => lists.TryGetValue(key, out var l) ? l : [];
        string? Str(string key) => strings.TryGetValue(key, out var s) ? s : null;
        return new PartDefinition
        {
            Name = name,
            Plugin = plugin,
            Source = Str("source"),
            SourceType = Str("source-type"),
            SourceOptions = sourceOptions,
            After = List("after"),
            StagePackages = List("stage-packages"),
            BuildPackages = List("build-packages"),
            StageSnaps = List("stage-snaps"),
            BuildSnaps = List("build-snaps"),
            BuildEnvironment = buildEnvironment,
            BuildAttributes = List("build-attributes"),
            Stage = List("stage"),
            Prime = List("prime"),
            Organize = organize,
            Permissions = permissions,
            OverridePull = Str("override-pull"),
            OverrideBuild = Str("override-build"),
            OverrideStage = Str("override-stage"),
            OverridePrime = Str("override-prime"),
            OverlayPackages = List("overlay-packages"),
            DisableParallel = disableParallel,
            PluginProperties = pluginProperties,
        };
    }

    private static bool IsPluginKey(string plugin, string key) =>
        PluginKeys.TryGetValue(plugin, out var keys) ? keys.Contains(key) : key.StartsWith(plugin + "-", StringComparison.Ordinal);

    private List<Permission> ReadPermissions(YamlNode node, string what)
    {
        var result = new List<Permission>();
        foreach (var item in read.Items(node, what, "a list of {path, owner, group, mode} mappings"))
        {
            if (read.Mapping(item, $"{what} entry") is not { } map)
                continue;
            string path = "*";
            int? owner = null, group = null, mode = null;
            foreach (var (k, v) in map.Children)
            {
                switch (read.Key(k, what))
                {
                    case "path": path = read.String(v, $"{what} path") ?? "*"; break;
                    case "owner": owner = (int?)read.Integer(v, $"{what} owner"); break;
                    case "group": group = (int?)read.Integer(v, $"{what} group"); break;
                    case "mode": mode = ReadMode(v, $"{what} mode"); break;
                    case { } other:
                        problems.Add(ProjectErrorCodes.UnknownKey, k, $"cannot read {what}: unknown key '{other}'",
                            Suggestions.Hint(other, ["path", "owner", "group", "mode"]));
                        break;
                }
            }

            if (owner is null != group is null)
                problems.Add(ProjectErrorCodes.InvalidPart, item, $"cannot read {what}: owner and group must be set together");
            result.Add(new Permission(path, owner, group, mode));
        }

        return result;
    }

    private int? ReadMode(YamlNode node, string what)
    {
        if (read.String(node, what) is not { } text)
            return null;
        var digits = text.StartsWith("0o", StringComparison.Ordinal) ? text[2..] : text;
        if (digits.Length is > 0 and <= 4 && digits.All(c => c is >= '0' and <= '7'))
            return Convert.ToInt32(digits, 8);
        problems.Add(ProjectErrorCodes.InvalidPart, node, $"cannot read {what}: '{text}' is not an octal mode", "write it as a quoted octal string, for example \"755\"");
        return null;
    }

    private List<EnvironmentVariable> ReadBuildEnvironment(YamlNode node, string what)
    {
        var result = new List<EnvironmentVariable>();
        foreach (var item in read.Items(node, what, "a list of single-entry mappings (- NAME: value)"))
        {
            if (item is not YamlMappingNode { Children.Count: 1 } map)
            {
                read.WrongType(item, $"{what} entry", "a single-entry mapping (NAME: value)");
                continue;
            }

            var (k, v) = map.Children.First();
            if (read.Key(k, what) is { } key && read.String(v, $"{what} '{key}'") is { } value)
                result.Add(new EnvironmentVariable(key, value));
        }

        return result;
    }
}

using System.Text.RegularExpressions;
using Cairn.Bases;
using Cairn.Diagnostics;
using Cairn.Pebble.Plan;
using Cairn.Project.Model;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Validation;

/// <summary>
/// Checks a rockcraft.yaml document against the top-level schema (docs/project-file.md) and reads it into a <see cref="RockProject"/>.
/// Every problem is recorded in the <see cref="ProblemList"/>; the result is null when there were any.
/// </summary>
public sealed partial class ProjectReader
{
    /// <summary>The top-level keys in upstream's serialisation order (also the order <c>expand-extensions</c> prints).</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys =
    [
        "name", "title", "version", "summary", "description", "base", "build-base", "platforms", "contact", "issues",
        "source-code", "license", "adopt-info", "parts", "package-repositories", "environment", "run-user", "services",
        "checks", "entrypoint-service", "entrypoint-command", "extensions",
    ];

    private static readonly string[] Forbidden = ["entrypoint", "cmd", "env"];

    private static readonly string[] Required = ["name", "summary", "description", "base", "platforms", "parts"];

    private readonly ProblemList problems;
    private readonly FieldReader read;

    /// <param name="problems">Where problems go.</param>
    public ProjectReader(ProblemList problems)
    {
        this.problems = problems;
        read = new FieldReader(problems);
    }

    /// <summary>
    /// Checks <paramref name="root"/>. With <paramref name="requireAll"/> false (the user's file before extensions
    /// run) missing keys are not yet problems, since an extension may add them. Returns null when there were problems.
    /// </summary>
    public RockProject? Read(YamlNode root, bool requireAll)
    {
        var before = problems.Count;
        if (root is not YamlMappingNode map)
        {
            read.WrongType(root, "the project file", "a mapping of top-level keys");
            return null;
        }

        var values = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (read.Key(keyNode, "the project file") is not { } raw)
                continue;
            // Upstream accepts the field names with underscores as aliases of the hyphenated keys.
            var key = raw.Replace('_', '-');
            if (Forbidden.Contains(key))
            {
                problems.Add(ProjectErrorCodes.ForbiddenKey, keyNode, $"cannot use key '{raw}': Pebble is the entrypoint of every rock",
                    "describe what the image runs under 'services' (and 'entrypoint-service' to pass it default arguments)");
            }
            else if (!TopLevelKeys.Contains(key))
            {
                problems.Add(ProjectErrorCodes.UnknownKey, keyNode, $"cannot read the project file: unknown key '{raw}'",
                    Suggestions.Hint(raw, TopLevelKeys));
            }
            else if (values.ContainsKey(key))
            {
                problems.Add(ProjectErrorCodes.DuplicateKey, keyNode, $"cannot read key '{raw}': it is already set as '{key}'",
                    "keep one of the two spellings");
            }
            else
            {
                values[key] = (keyNode, value);
            }
        }

        if (requireAll)
        {
            foreach (var key in Required.Where(k => !values.ContainsKey(k)))
                problems.Add(ProjectErrorCodes.MissingKey, null, $"cannot read the project file: required key '{key}' is missing");
        }

        YamlNode? Node(string key) => values.TryGetValue(key, out var v) ? v.Value : null;

        var name = Node("name") is { } nameNode ? ReadName(nameNode) : null;
        var title = Node("title") is { } titleNode ? ReadTitle(titleNode) : null;
        var version = Node("version") is { } versionNode ? ReadVersion(versionNode) : null;
        var summary = Node("summary") is { } summaryNode ? read.String(summaryNode, "'summary'") : null;
        var description = Node("description") is { } descriptionNode ? read.String(descriptionNode, "'description'") : null;
        var license = Node("license") is { } licenseNode ? ReadLicense(licenseNode) : null;
        var baseValue = Node("base") is { } baseNode ? ReadBase(baseNode) : null;
        var buildBase = Node("build-base") is { } buildBaseNode ? ReadBuildBase(buildBaseNode) : null;
        if (baseValue == BaseName.Bare.Name && buildBase is null && Node("build-base") is null)
        {
            problems.Add(ProjectErrorCodes.InvalidBase, Node("base"), "cannot use base 'bare' without a build-base",
                $"add 'build-base: ubuntu@24.04' (or one of: {string.Join(", ", BaseName.KnownBuildBases)}) to say which system builds the parts");
        }

        var runUser = Node("run-user") is { } runUserNode ? ReadRunUser(runUserNode) : null;
        var platforms = Node("platforms") is { } platformsNode ? new PlatformReader(problems).Read(platformsNode) : [];
        var environment = Node("environment") is { } environmentNode ? ReadEnvironment(environmentNode) : [];
        var repositories = Node("package-repositories") is { } reposNode ? ReadRepositories(reposNode) : [];
        var informational = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "contact", "issues", "source-code", "adopt-info" })
        {
            if (Node(key) is { } n && read.StringOrList(n, $"'{key}'") is { } l)
                informational[key] = string.Join(", ", l);
        }

        if (Node("extensions") is { } extensionsNode)
            read.StringList(extensionsNode, "'extensions'");

        // Before extensions run, parts and services may be partial (an extension completes them), so they are
        // checked only in the expanded document, where the user's own nodes still carry their positions.
        var partial = !requireAll;
        var servicesMap = !partial && Node("services") is { } servicesNode ? read.Mapping(servicesNode, "'services'") : null;
        var services = servicesMap is null ? null : ServiceSchema.ReadServices(servicesMap, problems);
        var checks = !partial && Node("checks") is { } checksNode && read.Mapping(checksNode, "'checks'") is { } checksMap
            ? ServiceSchema.ReadChecks(checksMap, problems) : null;
        var entrypointService = !partial && Node("entrypoint-service") is { } esNode ? read.String(esNode, "'entrypoint-service'") : null;
        if (entrypointService is not null && Node("entrypoint-command") is not null)
        {
            problems.Add(ProjectErrorCodes.InvalidValue, values["entrypoint-command"].Key,
                "cannot use both 'entrypoint-service' and 'entrypoint-command'", "keep one of them");
        }

        if (entrypointService is not null && (services is null || !services.ContainsKey(entrypointService)))
        {
            problems.Add(ProjectErrorCodes.InvalidValue, Node("entrypoint-service"),
                $"cannot use entrypoint-service '{entrypointService}': there is no such service",
                services is null ? "define it under 'services'" : $"services: {string.Join(", ", services.Keys)}");
        }
        else if (entrypointService is not null && services![entrypointService].Command is { } command && Words(command) is { } words && !words.Contains("["))
        {
            problems.Add(ProjectErrorCodes.InvalidValue, Node("entrypoint-service"),
                $"cannot use entrypoint-service '{entrypointService}': its command has no [ ... ] group of default arguments",
                "end the service's command with '[ ]' (or '[ default arguments ]') so 'podman run IMAGE ARGS' can replace them");
        }

        var parts = !partial && Node("parts") is { } partsNode ? ReadParts(partsNode) : [];
        if (baseValue == BaseName.Bare.Name && Node("parts") is YamlMappingNode partsMap && !partial)
            CheckNoOverlays(partsMap);
        var entrypointCommand = !partial && Node("entrypoint-command") is { } ecNode ? read.String(ecNode, "'entrypoint-command'") : null;

        if (problems.Count > before)
            return null;
        return new RockProject
        {
            Name = name ?? "",
            Title = string.IsNullOrEmpty(title) ? name ?? "" : title,
            Version = version,
            Summary = summary,
            Description = description,
            License = license,
            Base = baseValue ?? "",
            BuildBase = buildBase,
            RunUser = runUser,
            Platforms = platforms,
            Services = services ?? new Dictionary<string, Service>(),
            Checks = checks ?? new Dictionary<string, Check>(),
            EntrypointService = entrypointService,
            EntrypointCommand = entrypointCommand,
            Environment = environment,
            PackageRepositories = repositories,
            Parts = parts,
            Informational = informational,
        };
    }

    /// <summary>A command's words, or null when it does not split: the service schema has reported that already.</summary>
    private static List<string>? Words(string command)
    {
        try
        {
            return Shlex.Split(command);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^([a-z0-9][a-z0-9-]?)*[a-z]+([a-z0-9-]?[a-z0-9])*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9:.+~-]*[a-zA-Z0-9+~])?$")]
    private static partial Regex VersionPattern();

    private string? ReadName(YamlNode node)
    {
        if (read.String(node, "'name'") is not { } name)
            return null;
        if (name.Length > 40 || !NamePattern().IsMatch(name))
        {
            problems.Add(ProjectErrorCodes.InvalidName, node, $"cannot use name '{name}': {NameRules}",
                "for example 'my-flask-app'");
            return null;
        }

        return name;
    }

    /// <summary>What a valid name looks like, for messages (also used by <c>cairn init --name</c>).</summary>
    public const string NameRules =
        "a name has 1 to 40 characters: lowercase letters, digits and hyphens, at least one letter, no hyphen at the start or end, and no two hyphens in a row";

    /// <summary>True when <paramref name="name"/> is a valid project name.</summary>
    public static bool IsValidName(string name) => name.Length <= 40 && NamePattern().IsMatch(name);

    private string? ReadTitle(YamlNode node)
    {
        if (YamlNodes.IsNull(node) || read.String(node, "'title'") is not { } title)
            return null;
        if (title.Length is > 0 and < 2 or > 40)
        {
            problems.Add(ProjectErrorCodes.InvalidValue, node, $"cannot use title '{title}': a title has 2 to 40 characters");
            return null;
        }

        return title;
    }

    private string? ReadVersion(YamlNode node)
    {
        if (read.String(node, "'version'") is not { } version)
            return null;
        if (version.Length > 32 || !VersionPattern().IsMatch(version))
        {
            problems.Add(ProjectErrorCodes.InvalidVersion, node,
                $"cannot use version '{version}': a version has at most 32 characters: letters, digits and the characters ':', '.', '+', '~', '-', starting with a letter or digit and ending with a letter, digit, '+' or '~'",
                "for example '0.1' or '1.2.3+git1'");
            return null;
        }

        return version;
    }

    private string? ReadLicense(YamlNode node)
    {
        if (read.String(node, "'license'") is not { } license)
            return null;
        if (Spdx.Normalise(license) is { } canonical)
            return canonical;
        problems.Add(ProjectErrorCodes.InvalidLicense, node,
            $"cannot use license '{license}': it must be 'proprietary' or a single SPDX license identifier",
            Suggestions.Hint(license, Spdx.All.Select(s => s.ToLowerInvariant())) ?? "for example 'Apache-2.0' or 'MIT' (see https://spdx.org/licenses/)");
        return null;
    }

    private string? ReadBase(YamlNode node)
    {
        if (read.String(node, "'base'") is not { } value)
            return null;
        if (BaseName.Known.Contains(value))
            return value;
        problems.Add(ProjectErrorCodes.InvalidBase, node, $"cannot use base '{value}': cairn builds on {string.Join(", ", BaseName.Known)}",
            value.Replace(':', '@') is var at && BaseName.Known.Contains(at) ? $"write '{at}'" : $"use one of: {string.Join(", ", BaseName.Known)}");
        return null;
    }

    private string? ReadBuildBase(YamlNode node)
    {
        if (read.String(node, "'build-base'") is not { } value)
            return null;
        if (BaseName.KnownBuildBases.Contains(value))
            return value;
        problems.Add(ProjectErrorCodes.InvalidBase, node, $"cannot use build-base '{value}': cairn builds in {string.Join(", ", BaseName.KnownBuildBases)}",
            $"use one of: {string.Join(", ", BaseName.KnownBuildBases)}");
        return null;
    }

    private string? ReadRunUser(YamlNode node)
    {
        if (YamlNodes.IsNull(node) || read.String(node, "'run-user'") is not { } value)
            return null;
        if (value == "_daemon_")
            return value;
        problems.Add(ProjectErrorCodes.InvalidValue, node, $"cannot use run-user '{value}': the only shared user is '_daemon_' (uid 584792)",
            "remove 'run-user' to run as root, or write 'run-user: _daemon_'");
        return null;
    }

    private List<EnvironmentVariable> ReadEnvironment(YamlNode node)
    {
        var result = new List<EnvironmentVariable>();
        var interpolated = new List<string>();
        if (read.StringMap(node, "'environment'") is not { } entries)
            return result;
        foreach (var (k, v) in entries)
        {
            var dollar = v.IndexOf('$');
            if (dollar >= 0 && dollar < v.Length - 1)
                interpolated.Add(k);
            result.Add(new EnvironmentVariable(k, v));
        }

        if (interpolated.Count > 0)
        {
            problems.Add(ProjectErrorCodes.InvalidValue, node, $"cannot use environment {string.Join(", ", interpolated)}: values cannot refer to other variables ('$')",
                "write the value out in full");
        }

        return result;
    }

    private List<PackageRepository> ReadRepositories(YamlNode node)
    {
        var result = new List<PackageRepository>();
        string[] known = ["type", "ppa", "url", "components", "suites", "key-id", "key-server", "path", "formats", "architectures", "priority", "series", "pocket"];
        foreach (var item in read.Items(node, "'package-repositories'", "a list of repositories"))
        {
            if (read.Mapping(item, "'package-repositories' entry") is not { } map)
                continue;
            var properties = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                if (read.Key(k, "'package-repositories' entry") is not { } key)
                    continue;
                if (!known.Contains(key))
                {
                    problems.Add(ProjectErrorCodes.UnknownKey, k, $"cannot read 'package-repositories' entry: unknown key '{key}'", Suggestions.Hint(key, known));
                    continue;
                }

                if (v is YamlSequenceNode)
                {
                    if (read.StringList(v, $"'package-repositories' key '{key}'") is { } l)
                        properties[key] = l;
                }
                else if (read.String(v, $"'package-repositories' key '{key}'") is { } s)
                {
                    properties[key] = s;
                }
            }

            var type = properties.TryGetValue("type", out var t) ? t as string : null;
            if (type != "apt")
                problems.Add(ProjectErrorCodes.InvalidValue, map, "cannot read 'package-repositories' entry: 'type' must be 'apt'");
            else if (!properties.ContainsKey("ppa") && !properties.ContainsKey("url"))
                problems.Add(ProjectErrorCodes.InvalidValue, map, "cannot read 'package-repositories' entry: it needs a 'url' or a 'ppa'");
            result.Add(new PackageRepository(type ?? "", properties));
        }

        return result;
    }

    /// <summary>A bare base has no system to overlay, so parts there cannot use the overlay keys.</summary>
    private void CheckNoOverlays(YamlMappingNode parts)
    {
        foreach (var (k, v) in parts.Children)
        {
            if (v is not YamlMappingNode part)
                continue;
            foreach (var key in new[] { "overlay-packages", "overlay-script", "override-overlay", "overlay" })
            {
                if (YamlNodes.Get(part, key) is { } node)
                {
                    problems.Add(ProjectErrorCodes.InvalidPart, node, $"cannot use '{key}' in part '{(k as YamlScalarNode)?.Value}': a 'bare' base has no system to overlay",
                        "install what the part needs with stage-packages instead");
                }
            }
        }
    }

    private List<PartDefinition> ReadParts(YamlNode node)
    {
        var result = new List<PartDefinition>();
        if (read.Mapping(node, "'parts'") is not { } map)
            return result;
        var parts = new PartReader(problems);
        foreach (var (k, v) in map.Children)
        {
            if (read.Key(k, "'parts'") is { } name && parts.Read(name, v) is { } part)
                result.Add(part);
        }

        return result;
    }
}

using Cairn.Bases;
using Cairn.Diagnostics;
using Cairn.Project.Model;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Validation;

/// <summary>
/// Reads and checks rockcraft.yaml's <c>platforms</c>: a label that is an architecture, or a label with
/// <c>build-on</c> and <c>build-for</c> (docs/project-file.md).
/// </summary>
public sealed class PlatformReader
{
    private readonly ProblemList problems;
    private readonly FieldReader read;

    /// <param name="problems">Where problems go.</param>
    public PlatformReader(ProblemList problems)
    {
        this.problems = problems;
        read = new FieldReader(problems);
    }

    /// <summary>Reads <c>platforms</c>; entries with problems are left out (the problems are recorded).</summary>
    public List<ProjectPlatform> Read(YamlNode node)
    {
        var result = new List<ProjectPlatform>();
        if (read.Mapping(node, "'platforms'") is not { } map)
        {
            if (YamlNodes.IsNull(node))
                problems.Add(ProjectErrorCodes.InvalidPlatform, node, "cannot read 'platforms': it names no platform", "for example 'platforms: {amd64: }'");
            return result;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            if (read.Key(keyNode, "'platforms'") is not { } label)
                continue;
            var what = $"platform '{label}'";
            if (label is "any" or "*" || label.Contains('/'))
            {
                problems.Add(ProjectErrorCodes.InvalidPlatform, keyNode, $"cannot use {what}: a platform name must not be 'any', '*' or contain '/'");
                continue;
            }

            if (YamlNodes.IsNull(value))
            {
                if (DebianArchitecture.All.Contains(label))
                    result.Add(new ProjectPlatform(label, [label], [label]));
                else
                    problems.Add(ProjectErrorCodes.InvalidPlatform, keyNode, $"cannot use {what}: it is not an architecture, so it needs 'build-on' and 'build-for'",
                        Suggestions.Hint(label, DebianArchitecture.All) ?? $"architectures: {string.Join(", ", DebianArchitecture.All)}");
                continue;
            }

            if (read.Mapping(value, what) is not { } entry)
                continue;
            IReadOnlyList<string>? buildOn = null, buildFor = null;
            foreach (var (k, v) in entry.Children)
            {
                switch (read.Key(k, what))
                {
                    case "build-on": buildOn = read.StringOrList(v, $"{what} 'build-on'"); break;
                    case "build-for": buildFor = read.StringOrList(v, $"{what} 'build-for'"); break;
                    case { } other:
                        problems.Add(ProjectErrorCodes.UnknownKey, k, $"cannot read {what}: unknown key '{other}'", Suggestions.Hint(other, ["build-on", "build-for"]));
                        break;
                }
            }

            if (buildOn is null && buildFor is not null)
            {
                problems.Add(ProjectErrorCodes.InvalidPlatform, value, $"cannot use {what}: 'build-for' needs 'build-on' too");
                continue;
            }

            buildOn ??= [label];
            buildFor ??= [label];
            if (buildFor.Count != 1)
                problems.Add(ProjectErrorCodes.InvalidPlatform, value, $"cannot use {what}: 'build-for' names exactly one architecture");
            var bad = buildOn.Concat(buildFor).Select(a => a.Contains(':') ? a[(a.LastIndexOf(':') + 1)..] : a).FirstOrDefault(a => !DebianArchitecture.All.Contains(a));
            if (bad is not null)
            {
                problems.Add(ProjectErrorCodes.InvalidPlatform, value, $"cannot use {what}: '{bad}' is not a supported architecture",
                    Suggestions.Hint(bad, DebianArchitecture.All) ?? $"architectures: {string.Join(", ", DebianArchitecture.All)}");
                continue;
            }

            result.Add(new ProjectPlatform(label, buildOn, buildFor));
        }

        return result;
    }
}

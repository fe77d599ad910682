using Cairn.Diagnostics;
using Cairn.Pebble.Plan;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Validation;

/// <summary>
/// Checks <c>services</c> and <c>checks</c> with Pebble's own schema (Cairn.Pebble.Plan, the code the daemon
/// runs), turning its problems into located diagnostics. Rockcraft also requires <c>override</c> on each entry.
/// </summary>
public static class ServiceSchema
{
    /// <summary>Reads the <c>services</c> mapping; problems go to <paramref name="problems"/>.</summary>
    public static IReadOnlyDictionary<string, Service> ReadServices(YamlMappingNode map, ProblemList problems)
    {
        var found = new List<PlanProblem>();
        var services = LayerParser.ReadServices(map, found, YamlNodes.PositionOf);
        Report(found, "services", problems);
        foreach (var (keyNode, _) in map.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } name } && services.TryGetValue(name, out var s) && s.Override == Override.Unset)
                MissingOverride(problems, keyNode, $"service '{name}'");
        }

        return services;
    }

    /// <summary>Reads the <c>checks</c> mapping; problems go to <paramref name="problems"/>.</summary>
    public static IReadOnlyDictionary<string, Check> ReadChecks(YamlMappingNode map, ProblemList problems)
    {
        var found = new List<PlanProblem>();
        var checks = LayerParser.ReadChecks(map, found, YamlNodes.PositionOf);
        Report(found, "checks", problems);
        foreach (var (keyNode, _) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name } || !checks.TryGetValue(name, out var c))
                continue;
            if (c.Override == Override.Unset)
                MissingOverride(problems, keyNode, $"check '{name}'");
            var kinds = (c.Http is null ? 0 : 1) + (c.Tcp is null ? 0 : 1) + (c.Exec is null ? 0 : 1);
            if (kinds != 1)
            {
                problems.Add(ProjectErrorCodes.InvalidService, keyNode, $"cannot use check '{name}': it needs exactly one of http, tcp or exec, not {kinds}",
                    "for example 'http: {url: http://localhost:8000/}'");
            }
        }

        return checks;
    }

    private static void MissingOverride(ProblemList problems, YamlNode node, string what) =>
        problems.Add(ProjectErrorCodes.InvalidService, node, $"cannot use {what}: it needs 'override'", "add 'override: replace' (or 'override: merge')");

    private static void Report(List<PlanProblem> found, string key, ProblemList problems)
    {
        foreach (var p in found)
        {
            var location = p.Line > 0 ? new SourceLocation(problems.File, p.Line, p.Column) : new SourceLocation(problems.File);
            problems.Add(new Diagnostic(ProjectErrorCodes.InvalidService, $"cannot use {key}: {p.Message}", location, p.Hint));
        }
    }
}

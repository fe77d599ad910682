using Cairn.Pebble.Plan;
using Cairn.Project.Model;

namespace Cairn.Build.Packing;

/// <summary>
/// <c>/var/lib/pebble/default/layers/001-rockcraft-NAME.yaml</c>: the project's services and checks as a Pebble
/// layer, written by the same plan library the daemon reads it with, so a rock never boots a layer its pebble rejects.
/// </summary>
public static class PebbleLayerFile
{
    public static string PathFor(string projectName) => $"var/lib/pebble/default/layers/001-rockcraft-{projectName}.yaml";

    /// <summary>The layer's YAML, or null when the project has no services and no checks.</summary>
    public static string? Render(RockProject project)
    {
        if (project.Services.Count == 0 && project.Checks.Count == 0) return null;
        var layer = new PebbleLayer
        {
            Order = 1,
            Label = $"rockcraft-{project.Name}",
            Summary = project.Summary,
            Description = project.Description,
            Services = new SortedDictionary<string, Service>(project.Services.ToDictionary(), StringComparer.Ordinal),
            Checks = new SortedDictionary<string, Check>(project.Checks.ToDictionary(), StringComparer.Ordinal),
        };
        return PebbleLayerWriter.Write(layer);
    }

    /// <summary>The OCI Cmd for <c>entrypoint-service</c>: the service's default arguments.</summary>
    public static IReadOnlyList<string> DefaultArguments(RockProject project, string service)
    {
        return ServiceCommand.Parse(service, project.Services[service].Command ?? "").DefaultArgs;
    }
}

using Cairn.Pebble.Plan;
using Cairn.Project.Validation;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project;

/// <summary>
/// Writes an expanded project as YAML in upstream's key order (what <c>cairn expand-extensions</c> prints):
/// title always, platforms expanded, values normalised (license spelling), other keys as written.
/// </summary>
public static class ProjectWriter
{
    /// <summary>The YAML text of <paramref name="loaded"/>.</summary>
    public static string Write(LoadedProject loaded)
    {
        var project = loaded.Project;
        var document = loaded.Document;
        var root = new YamlMappingNode();
        foreach (var key in ProjectReader.TopLevelKeys)
        {
            YamlNode? value = key switch
            {
                "title" => YamlNodes.Text(project.Title),
                "license" when project.License is not null => YamlNodes.Text(project.License),
                "version" when project.Version is not null => YamlNodes.Text(project.Version),
                "platforms" => Platforms(project),
                "extensions" => null,
                "services" when project.Services.Count > 0 => PebbleSection(project, "services"),
                "checks" when project.Checks.Count > 0 => PebbleSection(project, "checks"),
                _ => YamlNodes.Get(document, key),
            };
            if (value is not null)
                root.Add(YamlNodes.Plain(key), value);
        }

        return YamlWriter.Write(root);
    }

    /// <summary>
    /// Services and checks as Pebble writes them (its field order), so the printed project shows exactly what the
    /// rock's Pebble layer will hold.
    /// </summary>
    private static YamlNode PebbleSection(Model.RockProject project, string key)
    {
        var layer = new Layer();
        foreach (var (name, service) in project.Services)
            layer.Services[name] = service;
        foreach (var (name, check) in project.Checks)
            layer.Checks[name] = check;
        var stream = new YamlStream();
        stream.Load(new StringReader(LayerWriter.Write(layer)));
        return YamlNodes.Get((YamlMappingNode)stream.Documents[0].RootNode, key)!;
    }

    private static YamlMappingNode Platforms(Model.RockProject project)
    {
        var map = new YamlMappingNode();
        foreach (var p in project.Platforms)
        {
            var entry = new YamlMappingNode();
            entry.Add("build-on", YamlNodes.Strings(p.BuildOn));
            entry.Add("build-for", YamlNodes.Strings(p.BuildFor));
            map.Add(YamlNodes.Text(p.Name), entry);
        }

        return map;
    }
}

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
                _ => YamlNodes.Get(document, key),
            };
            if (value is not null)
                root.Add(YamlNodes.Plain(key), value);
        }

        return YamlWriter.Write(root);
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

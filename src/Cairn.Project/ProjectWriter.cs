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
                "services" when project.Services.Count > 0 => PebbleSection(document, "services", ServiceFields),
                "checks" when project.Checks.Count > 0 => PebbleSection(document, "checks", CheckFields),
                _ => YamlNodes.Get(document, key),
            };
            if (value is not null)
                root.Add(YamlNodes.Plain(key), value);
        }

        return YamlWriter.Write(root);
    }

    // Rockcraft's service and check models, in their field order: how upstream's expand-extensions prints them.
    private static readonly string[] ServiceFields =
    [
        "override", "command", "summary", "description", "startup", "after", "before", "requires", "environment", "user", "user-id",
        "group", "group-id", "working-dir", "on-success", "on-failure", "on-check-failure", "backoff-delay", "backoff-factor",
        "backoff-limit", "kill-delay",
    ];

    // Rockcraft's check model has no 'startup' (a newer Pebble field); it goes beside 'level', the other state field.
    private static readonly string[] CheckFields = ["override", "level", "startup", "period", "timeout", "threshold", "http", "tcp", "exec"];

    private static readonly Dictionary<string, string[]> CheckTypeFields = new(StringComparer.Ordinal)
    {
        ["http"] = ["url", "headers"],
        ["tcp"] = ["port", "host"],
        ["exec"] = ["command", "service-context", "environment", "user", "user-id", "group", "group-id", "working-dir"],
    };

    /// <summary>
    /// The services or checks of the document as upstream prints them: entries in the document's order (the user's
    /// first, then those an extension added), each entry's fields in the model's order, unset (null) fields left out.
    /// </summary>
    private static YamlMappingNode PebbleSection(YamlMappingNode document, string key, string[] fields)
    {
        var result = new YamlMappingNode();
        foreach (var (name, body) in ((YamlMappingNode)YamlNodes.Get(document, key)!).Children)
        {
            var entry = Ordered((YamlMappingNode)body, fields);
            foreach (var (type, typeFields) in CheckTypeFields)
            {
                if (key == "checks" && YamlNodes.Get(entry, type) is YamlMappingNode typeBody)
                    entry.Children[YamlNodes.Plain(type)] = Ordered(typeBody, typeFields);
            }

            result.Add(name, entry);
        }

        return result;
    }

    /// <summary>
    /// The entries of <paramref name="map"/> in the order of <paramref name="fields"/> (fields it does not list last),
    /// without null ones, except a check type: <c>tcp:</c> alone still says which kind of check it is.
    /// </summary>
    private static YamlMappingNode Ordered(YamlMappingNode map, string[] fields)
    {
        var result = new YamlMappingNode();
        var entries = map.Children
            .Where(e => !YamlNodes.IsNull(e.Value) || CheckTypeFields.ContainsKey(((YamlScalarNode)e.Key).Value ?? ""))
            .OrderBy(e => Array.IndexOf(fields, ((YamlScalarNode)e.Key).Value) is var i and >= 0 ? i : fields.Length);
        foreach (var (k, v) in entries)
            result.Add(k, v);
        return result;
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

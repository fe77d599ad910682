using Cairn.Project.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Extensions;

/// <summary>
/// Merges what an extension generates into what the user wrote, by upstream's rules: an unset or empty user
/// value takes the extension's; two lists join (extension items first, strings de-duplicated keeping the first);
/// two mappings merge key by key (extension-only keys appended after the user's); otherwise the user's value wins.
/// Neither input is changed.
/// </summary>
public static class SnippetMerge
{
    /// <summary>The merge of <paramref name="user"/> (null when unset) and <paramref name="extension"/>.</summary>
    public static YamlNode Merge(YamlNode? user, YamlNode extension)
    {
        if (user is null || IsEmpty(user))
            return YamlNodes.Clone(extension);
        if (user is YamlSequenceNode userList && extension is YamlSequenceNode extensionList)
            return MergeLists(userList, extensionList);
        if (user is YamlMappingNode userMap && extension is YamlMappingNode extensionMap)
        {
            var result = (YamlMappingNode)YamlNodes.Clone(userMap);
            foreach (var (key, value) in extensionMap.Children)
            {
                var existing = result.Children.TryGetValue(key, out var v) ? v : null;
                result.Children[key] = Merge(existing, value);
            }

            return result;
        }

        return YamlNodes.Clone(user);
    }

    private static YamlSequenceNode MergeLists(YamlSequenceNode user, YamlSequenceNode extension)
    {
        var items = extension.Children.Concat(user.Children).ToList();
        if (items.All(i => i is YamlScalarNode))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            items = items.Where(i => seen.Add(((YamlScalarNode)i).Value ?? "")).ToList();
        }

        return YamlNodes.KeepPosition(new YamlSequenceNode(items.Select(YamlNodes.Clone)), user);
    }

    /// <summary>Python's falsy values as YAML: null, "", [], {}, 0 and false.</summary>
    private static bool IsEmpty(YamlNode node) => node switch
    {
        YamlSequenceNode s => s.Children.Count == 0,
        YamlMappingNode m => m.Children.Count == 0,
        YamlScalarNode s when s.Style is ScalarStyle.Plain or ScalarStyle.Any =>
            YamlNodes.IsNull(s) || s.Value is "0" or "false" or "False" or "FALSE",
        YamlScalarNode s => string.IsNullOrEmpty(s.Value),
        _ => false,
    };
}

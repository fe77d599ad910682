using Cairn.Diagnostics;
using System.Runtime.CompilerServices;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Yaml;

/// <summary>Small helpers over YamlDotNet's node model: locations, typed scalar reading, building and cloning.</summary>
public static class YamlNodes
{
    /// <summary>The node's position, or a file-only location for nodes an extension generated (they have no mark).</summary>
    public static SourceLocation LocationOf(YamlNode node, string file)
    {
        var mark = StartOf(node);
        return mark.Line > 0 ? new SourceLocation(file, (int)mark.Line, (int)mark.Column) : new SourceLocation(file);
    }

    /// <summary>True when the node came from the user's file (generated nodes have no position).</summary>
    public static bool HasPosition(YamlNode node) => StartOf(node).Line > 0;

    // YamlDotNet's Start is read-only, so a copy of a user's collection remembers its original's position here.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<YamlNode, StrongBox<Mark>> CopiedPositions = new();

    private static Mark StartOf(YamlNode node) =>
        node.Start.Line > 0 ? node.Start : CopiedPositions.TryGetValue(node, out var box) ? box.Value! : node.Start;

    /// <summary>Makes <paramref name="copy"/> report the position of <paramref name="original"/>.</summary>
    public static T KeepPosition<T>(T copy, YamlNode original) where T : YamlNode
    {
        var mark = StartOf(original);
        if (mark.Line > 0 && !ReferenceEquals(copy, original))
            CopiedPositions.AddOrUpdate(copy, new StrongBox<Mark>(mark));
        return copy;
    }

    /// <summary>True for a plain (unquoted) scalar that YAML reads as null: empty, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
        && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>The value of a mapping entry by its string key, or null.</summary>
    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A plain scalar (a YAML word, number or boolean).</summary>
    public static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    /// <summary>A scalar that is a string whatever it looks like (quoted when written if it would read as another type).</summary>
    public static YamlScalarNode Text(string value) => new(value) { Style = ScalarStyle.SingleQuoted };

    /// <summary>A sequence of string scalars.</summary>
    public static YamlSequenceNode Strings(IEnumerable<string> values) => new(values.Select(v => (YamlNode)Text(v)));

    /// <summary>
    /// A deep copy of the collections that keeps positions and scalar styles. Scalars are shared: nothing in
    /// cairn changes a scalar node, only the collections holding them.
    /// </summary>
    public static YamlNode Clone(YamlNode node) => node switch
    {
        YamlSequenceNode q => KeepPosition(new YamlSequenceNode(q.Children.Select(Clone)) { Style = q.Style }, q),
        YamlMappingNode m => CloneMapping(m),
        _ => node,
    };

    private static YamlMappingNode CloneMapping(YamlMappingNode m)
    {
        var copy = KeepPosition(new YamlMappingNode { Style = m.Style }, m);
        foreach (var (k, v) in m.Children)
            copy.Children.Add(k, Clone(v));
        return copy;
    }

    /// <summary>What a node is, for messages: "a mapping", "a list", "null", "an integer", "a boolean", "a string".</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "null",
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s when IsBoolean(s.Value) => "a boolean",
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s when long.TryParse(s.Value, out _) => "an integer",
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s when IsFloat(s.Value) => "a number",
        _ => "a string",
    };

    /// <summary>YAML 1.1/1.2 booleans as PyYAML reads them (the spellings users meet).</summary>
    public static bool IsBoolean(string? value) => value is "true" or "false" or "True" or "False" or "TRUE" or "FALSE"
        or "yes" or "no" or "Yes" or "No" or "YES" or "NO" or "on" or "off" or "On" or "Off" or "ON" or "OFF";

    /// <summary>True when a plain scalar with this text reads as a number.</summary>
    public static bool IsFloat(string? value) =>
        value is not null && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        && !value.Any(char.IsLetter);
}

using Cairn.Diagnostics;
using System.Runtime.CompilerServices;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Yaml;

/// <summary>Small helpers over YamlDotNet's node model: locations, typed scalar reading, building and cloning.</summary>
public static class YamlNodes
{
    /// <summary>The node's position, or a file-only location for nodes an extension generated (they have no mark).</summary>
    public static SourceLocation LocationOf(YamlNode node, string file) =>
        PositionOf(node) is ({ } line and > 0, var column) ? new SourceLocation(file, line, column) : new SourceLocation(file);

    /// <summary>
    /// The 1-based line and column of a node of the user's file, or of the user's node it was copied from; (0, 0)
    /// for a node an extension generated. This is the position resolver handed to Cairn.Pebble.Plan's readers.
    /// </summary>
    public static (int Line, int Column) PositionOf(YamlNode node) =>
        Positions.TryGetValue(node, out var box) ? ((int)box.Value!.Line, (int)box.Value.Column) : (0, 0);

    /// <summary>True when the node came from the user's file or is a copy of one that did.</summary>
    public static bool HasPosition(YamlNode node) => Positions.TryGetValue(node, out _);

    // YamlDotNet gives every node it did not parse (a generated node, a copy) the position 1:1, the same as a real
    // node at the start of the file, and its Start is read-only. So the positions that mean something are kept
    // here: every node of the loaded file (Remember), and every copy of one (KeepPosition).
    private static readonly ConditionalWeakTable<YamlNode, StrongBox<Mark>> Positions = new();

    /// <summary>Records the parsed positions of <paramref name="root"/> and every node below it (the loader calls this once).</summary>
    public static void Remember(YamlNode root)
    {
        foreach (var node in root.AllNodes)
            Positions.AddOrUpdate(node, new StrongBox<Mark>(node.Start));
    }

    /// <summary>Makes <paramref name="copy"/> report the position of <paramref name="original"/>.</summary>
    public static T KeepPosition<T>(T copy, YamlNode original) where T : YamlNode
    {
        if (!ReferenceEquals(copy, original) && Positions.TryGetValue(original, out var box))
            Positions.AddOrUpdate(copy, box);
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

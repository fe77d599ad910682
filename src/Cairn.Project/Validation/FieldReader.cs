using Cairn.Project.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Validation;

/// <summary>
/// Reads typed values from YAML nodes, recording a "cannot read ..." problem (and returning null) when a value
/// has the wrong type. <c>what</c> names the value in messages, for example <c>'version'</c> or <c>part 'web' key 'after'</c>.
/// </summary>
public sealed class FieldReader
{
    private readonly ProblemList problems;

    /// <param name="problems">Where type problems go.</param>
    public FieldReader(ProblemList problems)
    {
        this.problems = problems;
    }

    /// <summary>A string; numbers and booleans written plainly are taken as their text (as upstream coerces them).</summary>
    public string? String(YamlNode node, string what)
    {
        if (node is YamlScalarNode s && !YamlNodes.IsNull(s))
            return s.Value ?? "";
        WrongType(node, what, "a string");
        return null;
    }

    /// <summary>A string, or null without a problem when the value is YAML null.</summary>
    public string? OptionalString(YamlNode node, string what) => YamlNodes.IsNull(node) ? null : String(node, what);

    /// <summary>An integer.</summary>
    public long? Integer(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && long.TryParse(s.Value, out var value))
            return value;
        WrongType(node, what, "an integer");
        return null;
    }

    /// <summary>A boolean.</summary>
    public bool? Boolean(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && YamlNodes.IsBoolean(s.Value))
            return s.Value!.ToLowerInvariant() is "true" or "yes" or "on";
        WrongType(node, what, "a boolean (true or false)");
        return null;
    }

    /// <summary>A list of strings (null in YAML reads as empty).</summary>
    public IReadOnlyList<string>? StringList(YamlNode node, string what)
    {
        if (YamlNodes.IsNull(node))
            return [];
        if (node is not YamlSequenceNode seq)
        {
            WrongType(node, what, "a list of strings");
            return null;
        }

        var result = new List<string>();
        var ok = true;
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode s && !YamlNodes.IsNull(s))
                result.Add(s.Value ?? "");
            else
            {
                problems.Add(ProjectErrorCodes.WrongType, item, $"cannot read {what}: each entry must be a string, not {YamlNodes.Describe(item)}");
                ok = false;
            }
        }

        return ok ? result : null;
    }

    /// <summary>A string, or a list of strings.</summary>
    public IReadOnlyList<string>? StringOrList(YamlNode node, string what) =>
        node is YamlScalarNode s && !YamlNodes.IsNull(s) ? [s.Value ?? ""] : StringList(node, what);

    /// <summary>The items of a list (null in YAML reads as no items); a problem naming <paramref name="expected"/> when it is not a list.</summary>
    public IReadOnlyList<YamlNode> Items(YamlNode node, string what, string expected)
    {
        if (node is YamlSequenceNode seq)
            return seq.Children.ToList();
        if (!YamlNodes.IsNull(node))
            WrongType(node, what, expected);
        return [];
    }

    /// <summary>A mapping (null in YAML reads as null without a problem).</summary>
    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (YamlNodes.IsNull(node))
            return null;
        if (node is YamlMappingNode m)
            return m;
        WrongType(node, what, "a mapping");
        return null;
    }

    /// <summary>The text of a mapping key; non-scalar keys are a problem.</summary>
    public string? Key(YamlNode key, string what)
    {
        if (key is YamlScalarNode s)
            return s.Value ?? "";
        problems.Add(ProjectErrorCodes.WrongType, key, $"cannot read {what}: keys must be strings, not {YamlNodes.Describe(key)}");
        return null;
    }

    /// <summary>A mapping from strings to strings, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? StringMap(YamlNode node, string what)
    {
        if (Mapping(node, what) is not { } map)
            return YamlNodes.IsNull(node) ? [] : null;
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in map.Children)
        {
            var key = Key(k, what);
            var value = String(v, $"{what} entry '{key}'");
            if (key is not null && value is not null)
                result.Add(new(key, value));
        }

        return result;
    }

    /// <summary>Records a wrong-type problem.</summary>
    public void WrongType(YamlNode node, string what, string expected) =>
        problems.Add(ProjectErrorCodes.WrongType, node, $"cannot read {what}: expected {expected}, got {YamlNodes.Describe(node)}");
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Yaml;

/// <summary>
/// Writes nodes as block-style YAML the way upstream's output reads: lists not indented under their key,
/// multi-line strings as literal blocks, and strings quoted only when they would otherwise read as another type.
/// </summary>
public static class YamlWriter
{
    /// <summary>The YAML text of <paramref name="root"/>, ending with a newline.</summary>
    public static string Write(YamlNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, 2, int.MaxValue);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
                foreach (var (k, v) in map.Children)
                {
                    Emit(emitter, k);
                    Emit(emitter, v);
                }

                emitter.Emit(new MappingEnd());
                break;
            case YamlSequenceNode seq:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, seq.Children.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in seq.Children)
                    Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, scalar.Value ?? "", StyleOf(scalar), true, true));
                break;
        }
    }

    private static ScalarStyle StyleOf(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (value.Contains('\n'))
            return ScalarStyle.Literal;
        var isString = scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any);
        if (isString && (value.Length == 0 || YamlNodes.IsNull(new YamlScalarNode(value) { Style = ScalarStyle.Plain })
            || YamlNodes.IsBoolean(value) || YamlNodes.IsFloat(value) || long.TryParse(value, out _)))
            return ScalarStyle.SingleQuoted;
        if (YamlNodes.IsNull(scalar))
            return ScalarStyle.Plain;
        // The emitter itself quotes a value that cannot be written plainly (a leading '-', ': ' inside, ...).
        return ScalarStyle.Plain;
    }
}

using System.Globalization;
using Cairn.Daemon;
using Cairn.StatsdExporter.Ingest;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>Scalar values as upstream reads them (observer and match types, booleans, numbers, durations), and the error that names the line.</summary>
public static partial class MappingConfigLoader
{
    private static ObserverType ReadObserverType(YamlNode node) => Scalar(node) switch
    {
        "" => ObserverType.Default,
        "summary" => ObserverType.Summary,
        "histogram" => ObserverType.Histogram,
        var other => throw Error(node, $"invalid observer type '{other}'", "use 'summary' or 'histogram'"),
    };

    private static MatchType ReadMatchType(YamlNode node) => Scalar(node) switch
    {
        "" or "glob" => MatchType.Glob,
        "regex" => MatchType.Regex,
        var other => throw Error(node, $"invalid match_type '{other}'", "use 'glob' or 'regex'"),
    };

    private static bool ReadBool(YamlNode node) => Scalar(node).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "y" => true,
        "false" or "no" or "off" or "n" or "" => false,
        var other => throw Error(node, $"'{other}' is not a boolean", "use true or false"),
    };

    private static double ReadFloat(YamlNode node)
    {
        var text = Scalar(node);
        var value = text.ToLowerInvariant() switch
        {
            ".inf" or "+.inf" => double.PositiveInfinity,
            "-.inf" => double.NegativeInfinity,
            ".nan" => double.NaN,
            _ => GoFloat.TryParse(text, out var v) ? v : throw Error(node, $"'{text}' is not a number"),
        };
        return value;
    }

    private static int ReadCount(YamlNode node)
    {
        var text = Scalar(node);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error(node, $"'{text}' is not a non-negative whole number");
    }

    private static TimeSpan ReadDuration(YamlNode node)
    {
        var text = Scalar(node);
        TimeSpan duration;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any }
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nanoseconds))
            duration = TimeSpan.FromTicks(nanoseconds / 100); // A bare YAML integer is nanoseconds, as upstream decodes it.
        else if (!GoDuration.TryParse(text, out duration))
            throw Error(node, $"invalid duration '{text}'", "write a number with a unit: 30s, 5m, 1h30m");
        if (duration < TimeSpan.Zero)
            throw Error(node, $"duration '{text}' is negative");
        return duration;
    }

    private static string Key(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, "keys must be plain strings");

    private static string Scalar(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        _ => throw Error(node, "expected a single value here, not a list or mapping"),
    };

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Value is null or "" or "~" or "null";

    private static MappingConfigException Error(YamlNode node, string reason, string? hint = null) =>
        new(reason, (int)node.Start.Line, (int)node.Start.Column, hint);
}

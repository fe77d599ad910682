using System.Text.RegularExpressions;

namespace Cairn.Pebble.Plan;

/// <summary>
/// Loads the layers directory (<c>$PEBBLE/layers</c>): files <c>NNN-label.yaml</c>, and <c>NNN-label.d/</c>
/// directories holding more of them, applied in order. Other entries are skipped as upstream does.
/// </summary>
public static partial class LayersDirectory
{
    [GeneratedRegex("^([0-9]{3})-([a-z](?:-?[a-z0-9]){2,})(\\.yaml|\\.d)$")]
    private static partial Regex NamePattern();

    /// <summary>The layers in <paramref name="directory"/>, ordered; empty when it does not exist. Throws <see cref="PlanException"/>.</summary>
    public static List<Layer> Load(string directory) => Load(directory, null, 0);

    /// <summary>True when <paramref name="label"/> is a valid layer label (<c>[a-z](-?[a-z0-9]){2,}</c>).</summary>
    public static bool IsValidLabel(string label) => NamePattern().IsMatch("000-" + label + ".yaml");

    private static List<Layer> Load(string directory, string? parentLabel, int parentOrder)
    {
        var layers = new List<Layer>();
        if (!Directory.Exists(directory)) return layers;
        var orders = new Dictionary<int, string>();
        var labels = new Dictionary<string, string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var isDir = Directory.Exists(path);
            if (!(name.EndsWith(".yaml", StringComparison.Ordinal) && !isDir) && !(name.EndsWith(".d", StringComparison.Ordinal) && isDir)) continue;
            var match = NamePattern().Match(name);
            if (!match.Success)
            {
                throw new PlanException(isDir
                    ? $"invalid layer sub-directory name: \"{name}\" (must look like \"123-some-label.d\")"
                    : $"invalid layer filename: \"{name}\" (must look like \"123-some-label.yaml\")");
            }

            var order = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var label = match.Groups[2].Value;
            if (orders.TryGetValue(order, out var other) || labels.TryGetValue(label, out other))
                throw new PlanException($"invalid layer filename: \"{name}\" not unique (have \"{other}\" already)");
            orders[order] = name;
            labels[label] = name;
            if (isDir)
            {
                if (parentLabel is not null) throw new PlanException($"cannot have a layers sub-directory at this level: \"{name}\"");
                layers.AddRange(Load(path, label, order * 1000));
                continue;
            }

            var fullLabel = parentLabel is null ? label : parentLabel + "/" + label;
            var effectiveOrder = parentLabel is null ? order * 1000 : parentOrder + order;
            try
            {
                var layer = LayerParser.Parse(File.ReadAllText(path), fullLabel, effectiveOrder);
                layer.Path = path;
                layers.Add(layer);
            }
            catch (PlanException e) when (e.Line > 0)
            {
                // Upstream names only the label; the file and line help more when editing a layer by hand.
                throw new PlanException($"{e.Message} ({path}:{e.Line})", e.Line, e.Column);
            }
        }

        return layers;
    }
}

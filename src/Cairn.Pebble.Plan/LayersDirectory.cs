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
    public static List<PebbleLayer> Load(string directory) => Load(directory, null, 0);

    /// <summary>True when <paramref name="label"/> is a valid layer label (<c>[a-z](-?[a-z0-9]){2,}</c>).</summary>
    public static bool IsValidLabel(string label) => NamePattern().IsMatch("000-" + label + ".yaml");

    private static List<PebbleLayer> Load(string directory, string? parentLabel, int parentOrder)
    {
        var layers = new List<PebbleLayer>();
        if (!Directory.Exists(directory)) return layers;
        var orders = new Dictionary<int, string>();
        var labels = new Dictionary<string, int>();
        foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            // As upstream: the name's ending decides what is considered, and whether it is a directory (symlinks
            // followed) decides how it is read and which message a bad name gets.
            var name = Path.GetFileName(path);
            if (!name.EndsWith(".yaml", StringComparison.Ordinal) && !name.EndsWith(".d", StringComparison.Ordinal)) continue;
            var isDir = Directory.Exists(path);
            var match = NamePattern().Match(name);
            if (!match.Success)
            {
                throw new PlanException(isDir
                    ? $"invalid layer sub-directory name: \"{name}\" (must look like \"123-some-label.d\")"
                    : $"invalid layer filename: \"{name}\" (must look like \"123-some-label.yaml\")");
            }

            if (isDir && parentLabel is not null) throw new PlanException($"cannot have a layers sub-directory at this level ({path})");
            var order = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var label = match.Groups[2].Value;
            if (orders.TryGetValue(order, out var oldLabel) || labels.ContainsKey(label))
            {
                // Upstream names the earlier entry by order and label, always as a .yaml file.
                var (o, l) = oldLabel is not null ? (order, oldLabel) : (labels[label], label);
                throw new PlanException($"invalid layer filename: \"{name}\" not unique (have \"{o:D3}-{l}.yaml\" already)");
            }

            orders[order] = label;
            labels[label] = order;
            if (isDir)
            {
                layers.AddRange(Load(path, label, order * 1000));
                continue;
            }

            var fullLabel = parentLabel is null ? label : parentLabel + "/" + label;
            var effectiveOrder = parentLabel is null ? order * 1000 : parentOrder + order;
            try
            {
                var layer = LayerParser.Parse(ReadLayerFile(path), fullLabel, effectiveOrder);
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

    private static string ReadLayerFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Go's wording for the os error, as upstream reports it.
            throw new PlanException($"cannot read layer file: open {path}: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}");
        }
    }
}

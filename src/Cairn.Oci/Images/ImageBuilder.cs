using System.Text.RegularExpressions;
using Cairn.Oci.Json;
using Cairn.Oci.Layers;
using Cairn.Oci.Storage;

namespace Cairn.Oci.Images;

/// <summary>
/// Collects layers (base first), execution parameters, labels and annotations, then writes the config and
/// manifest blobs. The result depends only on what was added: maps are written sorted, times are whatever the
/// caller set (no clock is read here).
/// </summary>
public sealed partial class ImageBuilder(Platform platform)
{
    private readonly List<Layer> _layers = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _annotations = new(StringComparer.Ordinal);
    private ContainerConfig _config = new();

    /// <summary>The image's creation time (config <c>created</c> and each history entry's); null leaves it out.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>The layers added so far, base first.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Appends a layer and its history entry.</summary>
    /// <param name="layer">A layer in the store the image will be built into.</param>
    /// <param name="createdBy">What made it (history <c>created_by</c>), or null.</param>
    /// <param name="comment">History comment, or null.</param>
    public ImageBuilder AddLayer(Layer layer, string? createdBy = null, string? comment = null)
    {
        _layers.Add(layer);
        _history.Add(new HistoryEntry { CreatedBy = createdBy, Comment = comment });
        return this;
    }

    /// <summary>Appends a history entry for a step that made no layer (<c>empty_layer</c>).</summary>
    public ImageBuilder AddEmptyLayerHistory(string? createdBy, string? comment = null)
    {
        _history.Add(new HistoryEntry { CreatedBy = createdBy, Comment = comment, EmptyLayer = true });
        return this;
    }

    /// <summary>
    /// Changes the execution parameters, e.g. <c>Configure(c =&gt; c with { User = "584792", Cmd = [] })</c>.
    /// Labels are set with <see cref="SetLabel"/>; labels in the returned config replace them all.
    /// </summary>
    public ImageBuilder Configure(Func<ContainerConfig, ContainerConfig> change)
    {
        // The callback sees a copy: it may return it untouched, or a new map, and _labels is rebuilt from either.
        var changed = change(_config with { Labels = new Dictionary<string, string>(_labels, StringComparer.Ordinal) });
        _labels.Clear();
        foreach (var (key, value) in changed.Labels ?? new Dictionary<string, string>())
            _labels[key] = value;
        _config = changed with { Labels = null };
        return this;
    }

    /// <summary>Sets a config label.</summary>
    public ImageBuilder SetLabel(string key, string value)
    {
        _labels[key] = value;
        return this;
    }

    /// <summary>Sets a manifest annotation.</summary>
    public ImageBuilder SetAnnotation(string key, string value)
    {
        _annotations[key] = value;
        return this;
    }

    /// <summary>Writes the config and manifest into <paramref name="store"/> (which must hold the layers); CAIRN5005 for a bad tag.</summary>
    public async Task<BuiltImage> BuildAsync(BlobStore store, string tag, CancellationToken cancellationToken = default)
    {
        if (!TagPattern().IsMatch(tag))
            throw OciErrors.InvalidTag(tag);
        foreach (var layer in _layers.Where(l => !store.Contains(l.Digest)))
            throw new InvalidOperationException($"internal error: layer {layer.Digest} is not in the store at {store.Root}");

        var config = new ImageConfig
        {
            Created = Created,
            Architecture = platform.Architecture,
            OperatingSystem = platform.OperatingSystem,
            Variant = platform.Variant,
            Config = _config with { Labels = _labels.Count > 0 ? new Dictionary<string, string>(_labels) : null },
            RootFs = new RootFs { DiffIds = [.. _layers.Select(l => l.DiffId)] },
            History = [.. _history.Select(h => h with { Created = Created })],
        };
        var configDescriptor = await store.AddAsync(OciJson.Serialize(config), MediaTypes.ImageConfig, cancellationToken).ConfigureAwait(false);
        var manifest = new ImageManifest
        {
            Config = configDescriptor,
            Layers = [.. _layers.Select(l => l.Descriptor)],
            Annotations = _annotations.Count > 0 ? new Dictionary<string, string>(_annotations) : null,
        };
        var manifestBlob = await store.AddAsync(OciJson.Serialize(manifest), MediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
        var manifestDescriptor = manifestBlob with
        {
            Annotations = new Dictionary<string, string> { [AnnotationKeys.RefName] = tag },
            Platform = platform,
        };
        return new BuiltImage(store, tag, manifestDescriptor, manifest, config);
    }

    // The distribution spec's tag grammar: what every tool accepts as a reference name.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex TagPattern();
}

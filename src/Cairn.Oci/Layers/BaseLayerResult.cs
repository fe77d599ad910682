namespace Cairn.Oci.Layers;

/// <summary>What <see cref="BaseLayerImporter"/> made of a base tar.</summary>
/// <param name="Layer">The normalised, gzip-compressed layer in the store.</param>
/// <param name="Index">The base's contents by path, for re-rooting and for leaving out unchanged files.</param>
/// <param name="Omitted">Paths left out of the layer (device nodes, fifos, other special files), in archive order.</param>
public sealed record BaseLayerResult(Layer Layer, TarIndex Index, IReadOnlyList<string> Omitted);

using Cairn.Oci.Layers;

namespace Cairn.Build.Packing;

/// <summary>The base a rock is packed on: its layer, the index of its files, its digest label and extracted root.</summary>
public sealed record PackedBase(Layer Layer, TarIndex Index, string Digest, string RootPath);

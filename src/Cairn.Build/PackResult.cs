using Cairn.Oci;

namespace Cairn.Build;

/// <summary>What a pack wrote.</summary>
/// <param name="OutputPath">The <c>.rock</c> file or layout directory.</param>
/// <param name="ManifestDigest">The image manifest's digest: equal for equal inputs.</param>
/// <param name="Layers">Each layer, base first.</param>
public sealed record PackResult(string OutputPath, Digest ManifestDigest, IReadOnlyList<PackedLayer> Layers)
{
    /// <summary>The bill of materials written beside the output (<c>NAME_VERSION_PLATFORM.spdx.json</c>, docs/sbom.md); the rock holds the same document.</summary>
    public string? SbomPath { get; init; }
}

/// <summary>One layer of a packed rock.</summary>
/// <param name="Purpose">base, packages, application or rock (<see cref="Cairn.Project.Model.RockLayer"/>).</param>
/// <param name="Size">Its compressed size in bytes.</param>
/// <param name="Reused">True when this pack found it in the layer cache instead of writing it.</param>
public sealed record PackedLayer(string Purpose, Digest Digest, long Size, bool Reused);

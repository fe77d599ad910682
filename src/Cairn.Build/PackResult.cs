using Cairn.Oci;

namespace Cairn.Build;

/// <summary>What a pack wrote.</summary>
/// <param name="OutputPath">The <c>.rock</c> file or layout directory.</param>
/// <param name="ManifestDigest">The image manifest's digest: equal for equal inputs.</param>
/// <param name="Layers">Each layer's purpose and digest, base first.</param>
public sealed record PackResult(string OutputPath, Digest ManifestDigest, IReadOnlyList<(string Purpose, Digest Digest, long Size)> Layers)
{
    /// <summary>The bill of materials written beside the output (<c>NAME_VERSION_PLATFORM.spdx.json</c>, docs/sbom.md); the rock holds the same document.</summary>
    public string? SbomPath { get; init; }
}

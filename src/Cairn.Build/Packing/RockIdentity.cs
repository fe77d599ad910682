namespace Cairn.Build.Packing;

/// <summary>What a rock says about itself in its labels and <c>.rock/metadata.yaml</c>.</summary>
public sealed record RockIdentity(
    string Name,
    string Title,
    string Version,
    string Summary,
    string Description,
    string? License,
    string Base,
    string Architecture);

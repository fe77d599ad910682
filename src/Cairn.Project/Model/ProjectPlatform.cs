namespace Cairn.Project.Model;

/// <summary>
/// One entry of rockcraft.yaml's <c>platforms</c>, expanded: the label and the architectures it builds on and for
/// (the image's own OCI platform is Cairn.Oci's <c>Platform</c>).
/// </summary>
public sealed record ProjectPlatform(string Name, IReadOnlyList<string> BuildOn, IReadOnlyList<string> BuildFor);

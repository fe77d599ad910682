namespace Cairn.Sandbox;

/// <summary>A Debian package unpacked into a part's install directory.</summary>
public sealed record StagedPackage(string Name, string Version, string Architecture);

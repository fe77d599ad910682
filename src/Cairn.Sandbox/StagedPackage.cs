namespace Cairn.Sandbox;

/// <summary>
/// A Debian package unpacked into a part's install directory, as the pull step records it: what apt resolved,
/// and what the bill of materials and the rock's package records need from the .deb (docs/sbom.md).
/// </summary>
public sealed record StagedPackage(string Name, string Version, string Architecture)
{
    /// <summary>apt's file name for the package in its download directory (an epoch's ':' is escaped as %3a).</summary>
    public string DebFileName => $"{Name}_{Version.Replace(":", "%3a", StringComparison.Ordinal)}_{Architecture}.deb";

    /// <summary>The .deb's control paragraph as <c>dpkg-deb --field</c> prints it, or null (a record from before cairn kept it).</summary>
    public string? Control { get; init; }

    /// <summary>The licence its machine-readable copyright file names, in Debian's words (<c>GPL-2+</c>), or null.</summary>
    public string? License { get; init; }

    /// <summary>
    /// The chisel slices of this package: when <see cref="Cut"/>, those cut (asked for, and needed by those); else
    /// the ones stage-packages asked for, which the whole package stood for. Sorted; empty for a package asked for by name.
    /// </summary>
    public IReadOnlyList<string> Slices { get; init; } = [];

    /// <summary>True when only <see cref="Slices"/> of it were cut into the install directory; false when it is there whole.</summary>
    public bool Cut { get; init; }

    public bool Equals(StagedPackage? other) =>
        other is not null && Name == other.Name && Version == other.Version && Architecture == other.Architecture
        && Control == other.Control && License == other.License && Slices.SequenceEqual(other.Slices) && Cut == other.Cut;

    public override int GetHashCode() => HashCode.Combine(Name, Version, Architecture);
}

namespace Cairn.Sandbox;

/// <summary>A Debian package unpacked into a part's install directory.</summary>
public sealed record StagedPackage(string Name, string Version, string Architecture)
{
    /// <summary>apt's file name for the package in its download directory (an epoch's ':' is escaped as %3a).</summary>
    public string DebFileName => $"{Name}_{Version.Replace(":", "%3a", StringComparison.Ordinal)}_{Architecture}.deb";
}

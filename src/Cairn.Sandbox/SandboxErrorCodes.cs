namespace Cairn.Sandbox;

/// <summary>The stable codes of the build-environment area (CAIRN4xxx); docs/errors.md lists them.</summary>
public static class SandboxErrorCodes
{
    /// <summary>A tool cairn drives is not installed.</summary>
    public const string ToolMissing = "CAIRN4001";

    /// <summary>A tool ended with a failure.</summary>
    public const string ToolFailed = "CAIRN4002";

    // CAIRN4003 (a base cairn does not know) is Cairn.Bases.BaseErrorCodes.UnknownBase.

    /// <summary>The base could not be made from the archive (unreachable mirror, missing key).</summary>
    public const string BaseCreationFailed = "CAIRN4004";

    /// <summary>apt does not know a package named in build-packages or stage-packages.</summary>
    public const string UnknownPackage = "CAIRN4005";

    /// <summary><c>bare</c> was asked for a root filesystem or build environment of its own.</summary>
    public const string BareHasNoRoot = "CAIRN4006";

    /// <summary>apt failed for another reason (install, download, unmet dependencies).</summary>
    public const string AptFailed = "CAIRN4007";

    /// <summary>A cache entry could not be read or written.</summary>
    public const string CacheFailed = "CAIRN4008";

    /// <summary>A chisel release's slice definitions cannot be read or used (malformed, a slice or path missing).</summary>
    public const string SliceDefinitionInvalid = "CAIRN4009";
}

namespace Cairn.Oci;

/// <summary>The stable codes of Cairn.Oci (CAIRN50xx); docs/errors.md lists them, <see cref="OciErrors"/> words them.</summary>
public static class OciErrorCodes
{
    /// <summary>See <see cref="OciErrors.ConflictingEntries"/>.</summary>
    public const string ConflictingEntries = "CAIRN5001";

    /// <summary>See <see cref="OciErrors.ParentNotDirectory"/>.</summary>
    public const string ParentNotDirectory = "CAIRN5002";

    /// <summary>See <see cref="OciErrors.InvalidPath"/>.</summary>
    public const string InvalidPath = "CAIRN5003";

    /// <summary>See <see cref="OciErrors.InvalidSourceDateEpoch"/>.</summary>
    public const string InvalidSourceDateEpoch = "CAIRN5004";

    /// <summary>See <see cref="OciErrors.InvalidTag"/>.</summary>
    public const string InvalidTag = "CAIRN5005";

    /// <summary>See <see cref="OciErrors.UnreadableContent"/>.</summary>
    public const string UnreadableContent = "CAIRN5006";

    /// <summary>See <see cref="OciErrors.UnreadableTar"/>.</summary>
    public const string UnreadableTar = "CAIRN5007";

    /// <summary>See <see cref="OciErrors.UnwritableOutput"/>.</summary>
    public const string UnwritableOutput = "CAIRN5008";

    /// <summary>See <see cref="OciErrors.InvalidLink"/>.</summary>
    public const string InvalidLink = "CAIRN5009";

    /// <summary>See <see cref="OciErrors.InvalidLayout"/>.</summary>
    public const string InvalidLayout = "CAIRN5010";
}

namespace Cairn.Parts;

/// <summary>The stable codes of the lifecycle engine (CAIRN30xx); docs/errors.md lists them, <see cref="PartsErrors"/> words them.</summary>
public static class PartsErrorCodes
{
    /// <summary>See <see cref="PartsErrors.UnknownAfter"/>.</summary>
    public const string UnknownAfter = "CAIRN3001";

    /// <summary>See <see cref="PartsErrors.Cycle"/>.</summary>
    public const string Cycle = "CAIRN3002";

    /// <summary>See <see cref="PartsErrors.UnknownPart"/>.</summary>
    public const string UnknownPart = "CAIRN3003";

    /// <summary>See <see cref="PartsErrors.UnknownPlugin"/>.</summary>
    public const string UnknownPlugin = "CAIRN3004";

    /// <summary>See <see cref="PartsErrors.InvalidPluginProperty"/>.</summary>
    public const string InvalidPluginProperty = "CAIRN3005";

    /// <summary>See <see cref="PartsErrors.BadSource"/>.</summary>
    public const string BadSource = "CAIRN3006";

    /// <summary>See <see cref="PartsErrors.StepFailed"/>.</summary>
    public const string StepFailed = "CAIRN3007";

    /// <summary>See <see cref="PartsErrors.StageConflict"/>.</summary>
    public const string StageConflict = "CAIRN3008";

    /// <summary>See <see cref="PartsErrors.Organize"/>.</summary>
    public const string Organize = "CAIRN3009";

    /// <summary>See <see cref="PartsErrors.BadFileset"/>.</summary>
    public const string BadFileset = "CAIRN3010";

    /// <summary>See <see cref="PartsErrors.CraftCtl"/>.</summary>
    public const string CraftCtl = "CAIRN3011";

    /// <summary>See <see cref="PartsErrors.BadPermission"/>.</summary>
    public const string BadPermission = "CAIRN3012";
}

namespace Cairn.Build;

/// <summary>Stable codes of the errors the build orchestration raises (docs/errors.md).</summary>
public static class BuildErrorCodes
{
    public const string DaemonUserTaken = "CAIRN5101";
    public const string NoVersion = "CAIRN5201";
    public const string NoPlatformForHost = "CAIRN5202";
    public const string PayloadMissing = "CAIRN5203";
    public const string UnsupportedPartFeature = "CAIRN5204";
}

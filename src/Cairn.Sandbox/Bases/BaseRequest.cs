using Cairn.Bases;

namespace Cairn.Sandbox.Bases;

/// <summary>What shapes a base root filesystem.</summary>
/// <param name="Base">An Ubuntu base; <c>bare</c> has no root filesystem.</param>
/// <param name="Mirror">An apt mirror URL that replaces the Ubuntu archive (option or <c>CAIRN_APT_MIRROR</c>); null for the archive.</param>
/// <param name="SourceDateEpoch">Timestamps in the tar; the same inputs and epoch give the same tar digest.</param>
public sealed record BaseRequest(BaseName Base, string? Mirror = null, long SourceDateEpoch = 0)
{
    /// <summary>The variable that names an apt mirror when no option does.</summary>
    public const string MirrorVariable = "CAIRN_APT_MIRROR";

    /// <summary>The mirror to use: the option if given, else <c>CAIRN_APT_MIRROR</c>, else none.</summary>
    public static string? ResolveMirror(string? option, Func<string, string?> getVariable)
    {
        var mirror = string.IsNullOrWhiteSpace(option) ? getVariable(MirrorVariable) : option;
        return string.IsNullOrWhiteSpace(mirror) ? null : mirror.Trim().TrimEnd('/');
    }
}

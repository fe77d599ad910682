using Cairn.Parts;

namespace Cairn.Build;

/// <summary>How to build a project: shared by the lifecycle commands and pack.</summary>
public sealed record BuildOptions(string ProjectDirectory)
{
    /// <summary>Run the steps on the host instead of in the sandbox (<c>--destructive-mode</c>).</summary>
    public bool DestructiveMode { get; init; }

    /// <summary>An apt mirror replacing the Ubuntu archive (<c>--apt-mirror</c>); else <c>CAIRN_APT_MIRROR</c>.</summary>
    public string? Mirror { get; init; }

    /// <summary>When to open a shell in the build environment (<c>--shell</c>, <c>--shell-after</c>, <c>--debug</c>).</summary>
    public ShellMode Shell { get; init; }
}

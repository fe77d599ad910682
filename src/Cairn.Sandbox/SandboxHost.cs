using Cairn.Bases;
using Cairn.Diagnostics.Reporting;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Processes;

namespace Cairn.Sandbox;

/// <summary>
/// The effects Cairn.Sandbox uses, passed in so tests can fake them: the process runner, the cache, the
/// host's tools, whether cairn runs as root, the clock, and where progress and warnings go (<see cref="Reporter"/>).
/// </summary>
public sealed record SandboxHost(IProcessRunner Runner, CacheLayout Cache, HostTools Tools, bool IsRoot, TimeProvider Clock)
{
    /// <summary>Where progress (creating a base, preparing an environment), tools' output and warnings go.</summary>
    public IReporter Reporter { get; init; } = Cairn.Diagnostics.Reporting.Reporter.None;

    /// <summary>The Debian architecture of this machine (amd64, arm64, ...).</summary>
    public string Architecture { get; init; } = DebianArchitecture.Host;

    /// <summary>
    /// The chisel release (a chisel-releases checkout) whose slice definitions stage-packages cuts slices from
    /// (<c>CAIRN_CHISEL_RELEASE</c>); null: every slice stands for its whole package.
    /// </summary>
    public string? ChiselRelease { get; init; }

    /// <summary>The variable naming <see cref="ChiselRelease"/>.</summary>
    public const string ChiselReleaseVariable = "CAIRN_CHISEL_RELEASE";

    /// <summary>The real machine: real processes, the cache the variables name, root if the process is privileged.</summary>
    public static SandboxHost FromEnvironment(Func<string, string?> getVariable) =>
        new(new SystemProcessRunner(), CacheLayout.FromEnvironment(getVariable), new HostTools(getVariable("PATH")),
            Environment.IsPrivilegedProcess, TimeProvider.System)
        {
            ChiselRelease = getVariable(ChiselReleaseVariable) is { Length: > 0 } release ? Path.GetFullPath(release) : null,
        };
}

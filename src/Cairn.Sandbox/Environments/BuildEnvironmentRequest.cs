using Cairn.Bases;
using Cairn.Sandbox.Bases;

namespace Cairn.Sandbox.Environments;

/// <summary>What a build environment is made of.</summary>
/// <param name="Base">The run base (rockcraft.yaml's <c>base</c>): stage-packages bring what it lacks.</param>
/// <param name="BuildBase">The base to build on; for <c>bare</c> this is rockcraft.yaml's <c>build-base</c>.</param>
/// <param name="BuildPackages">Installed with apt into a cached copy of the build base, one per package set.</param>
/// <param name="WorkDirectory">The project's work directory (parts, stage, prime), bound at the same path.</param>
/// <param name="CallerEnvironment">The caller's variables; only proxies and the PIP_* list pass through.</param>
public sealed record BuildEnvironmentRequest(
    BaseName Base,
    BaseName BuildBase,
    IReadOnlyList<string> BuildPackages,
    string WorkDirectory,
    IReadOnlyDictionary<string, string> CallerEnvironment)
{
    /// <summary>Run on the host instead of in a sandbox (<c>--destructive-mode</c>).</summary>
    public bool DestructiveMode { get; init; }

    /// <summary>An apt mirror replacing the Ubuntu archive; see <see cref="BaseRequest.ResolveMirror"/>.</summary>
    public string? Mirror { get; init; }

    /// <summary>SOURCE_DATE_EPOCH for the base.</summary>
    public long SourceDateEpoch { get; init; }
}

using Cairn.Diagnostics.Reporting;
using Cairn.Sandbox;
using Cairn.Sandbox.Processes;

namespace Cairn.Build;

/// <summary>The effects the build orchestration uses, passed in so tests can choose them.</summary>
/// <param name="Sandbox">Processes, cache, tools, clock, the reporter for the build environment.</param>
/// <param name="Variables">The caller's environment variables (only listed ones reach a build).</param>
/// <param name="Payload">Where cairn's native binaries are.</param>
public sealed record BuildHost(SandboxHost Sandbox, IReadOnlyDictionary<string, string> Variables, Payload Payload)
{
    /// <summary>Where progress, tools' output and warnings go (the CLI renders them).</summary>
    public IReporter Reporter => Sandbox.Reporter;

    /// <summary>The real machine with the caller's <paramref name="variables"/>, reporting to <paramref name="reporter"/>.</summary>
    public static BuildHost FromVariables(IReadOnlyDictionary<string, string> variables, IReporter reporter)
    {
        string? Get(string name) => variables.GetValueOrDefault(name);
        var machine = SandboxHost.FromEnvironment(Get);
        var sandbox = machine with { Reporter = reporter, Runner = new TracedProcessRunner(machine.Runner, reporter) };
        return new BuildHost(sandbox, variables, Payload.Locate(Get, AppContext.BaseDirectory));
    }

    /// <summary>
    /// SOURCE_DATE_EPOCH as seconds, or 0 when unset: every time in a rock comes from here. Read when the host is
    /// made, so a malformed value (CAIRN5004) stops a command before anything is built.
    /// </summary>
    public long SourceDateEpoch { get; } = Cairn.Oci.Layers.SourceDateEpoch.Parse(Variables.GetValueOrDefault(Cairn.Oci.Layers.SourceDateEpoch.Variable)).ToUnixTimeSeconds();
}

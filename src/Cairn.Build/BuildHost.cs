using Cairn.Sandbox;

namespace Cairn.Build;

/// <summary>The effects the build orchestration uses, passed in so tests can choose them.</summary>
/// <param name="Sandbox">Processes, cache, tools, clock, progress for the build environment.</param>
/// <param name="Variables">The caller's environment variables (only listed ones reach a build).</param>
/// <param name="Payload">Where cairn's native binaries are.</param>
public sealed record BuildHost(SandboxHost Sandbox, IReadOnlyDictionary<string, string> Variables, Payload Payload)
{
    /// <summary>Progress lines for the user (stderr).</summary>
    public Action<string> OnProgress => Sandbox.OnProgress;

    /// <summary>The real machine, reporting progress and warnings to the given sinks.</summary>
    public static BuildHost FromEnvironment(Action<string> onProgress, Action<string> onWarning)
    {
        var variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        string? Get(string name) => variables.GetValueOrDefault(name);
        var sandbox = SandboxHost.FromEnvironment(Get) with { OnProgress = onProgress, OnWarning = onWarning };
        return new BuildHost(sandbox, variables, Payload.Locate(Get, AppContext.BaseDirectory));
    }

    /// <summary>
    /// SOURCE_DATE_EPOCH as seconds, or 0 when unset: every time in a rock comes from here. Read when the host is
    /// made, so a malformed value (CAIRN5004) stops a command before anything is built.
    /// </summary>
    public long SourceDateEpoch { get; } = Cairn.Oci.Layers.SourceDateEpoch.Parse(Variables.GetValueOrDefault(Cairn.Oci.Layers.SourceDateEpoch.Variable)).ToUnixTimeSeconds();
}

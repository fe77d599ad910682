namespace Cairn.Sandbox;

/// <summary>A command to run in an <see cref="IBuildEnvironment"/>.</summary>
/// <param name="Arguments">argv; the first entry is looked up on the environment's PATH.</param>
/// <param name="WorkingDirectory">An absolute path that exists inside the environment.</param>
public sealed record SandboxCommand(IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>
    /// The variables the command gets on top of the environment's own fixed set (PATH, HOME, LANG, the
    /// caller's proxy and PIP_* variables). Never the host's whole environment.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives each line of stdout and stderr (interleaved) as it comes; may be null.</summary>
    public Action<string>? OnOutput { get; init; }

    /// <summary>If set, the whole output is also appended to this file (the step's log).</summary>
    public string? LogFile { get; init; }
}

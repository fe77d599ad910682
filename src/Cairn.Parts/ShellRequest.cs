namespace Cairn.Parts;

/// <summary>
/// What the caller needs to open a shell where a step runs: the step's working directory and the script that
/// sets the step's environment (source it first).
/// </summary>
public sealed record ShellRequest(string Part, Step Step, string WorkingDirectory, string EnvironmentScript);

namespace Cairn.Sandbox;

/// <summary>How a <see cref="SandboxCommand"/> ended; <see cref="LastLines"/> keeps the tail of its output for error messages.</summary>
public sealed record CommandResult(int ExitCode, IReadOnlyList<string> LastLines)
{
    public bool Succeeded => ExitCode == 0;
}

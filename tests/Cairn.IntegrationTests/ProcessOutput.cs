namespace Cairn.IntegrationTests;

/// <summary>How an external process ended.</summary>
public sealed record ProcessOutput(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

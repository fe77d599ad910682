namespace Cairn.Diagnostics;

/// <summary>Who has to act on a failure; the CLI maps it to an exit code.</summary>
public enum FailureKind
{
    /// <summary>The user's input is wrong (exit code 1).</summary>
    User = 1,

    /// <summary>The machine or an external tool failed (exit code 3).</summary>
    Environment = 3,
}

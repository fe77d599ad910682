namespace Cairn.Cli;

/// <summary>
/// cairn's exit codes (README.md). An interrupted command is a user's doing and exits with <see cref="User"/>, after it
/// has stopped what it started.
/// </summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The user's input is wrong.</summary>
    public const int User = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The machine or an external tool failed.</summary>
    public const int Environment = 3;

    /// <summary>A bug in cairn.</summary>
    public const int Internal = 70;
}

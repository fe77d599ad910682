namespace Cairn.Cli;

/// <summary>The stable codes of the command line itself (CAIRN60xx); docs/errors.md lists them.</summary>
public static class CliErrorCodes
{
    /// <summary>The command was interrupted (Ctrl+C, SIGTERM) and stopped cleanly.</summary>
    public const string Interrupted = "CAIRN6001";
}

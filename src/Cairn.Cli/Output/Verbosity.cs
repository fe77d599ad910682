namespace Cairn.Cli.Output;

/// <summary>How much cairn shows on stderr, in Rockcraft's (craft-cli's) levels and order; the log file has everything.</summary>
public enum Verbosity
{
    /// <summary>Errors, warnings and the result only.</summary>
    Quiet,

    /// <summary>One line per step and long piece of work with its time, a live status line on a terminal, the summary.</summary>
    Brief,

    /// <summary>Brief's lines as plain lines, and the tools' output as it comes.</summary>
    Verbose,

    /// <summary>Verbose, with timestamps and why each step runs or is skipped.</summary>
    Debug,

    /// <summary>Debug, with each command line cairn runs.</summary>
    Trace,
}

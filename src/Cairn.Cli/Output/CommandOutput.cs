using Cairn.Diagnostics.Reporting;

namespace Cairn.Cli.Output;

/// <summary>
/// One command's output: the reporter the libraries talk to and, for commands that build, the log file. Results go
/// to stdout (<see cref="CliContext.Out"/>); everything else to stderr.
/// </summary>
public sealed class CommandOutput : IDisposable
{
    private readonly ConsoleReporter _reporter;
    private readonly CliContext _context;

    public CommandOutput(CliContext context, Verbosity verbosity, CommandLog? log)
    {
        _context = context;
        Log = log;
        Started = context.Clock.GetTimestamp();
        _reporter = new ConsoleReporter(context.Error, verbosity, context.ErrorIsTerminal, context.TerminalWidth, context.Clock, log);
    }

    public IReporter Reporter => _reporter;

    /// <summary>The command's log file, or null for a command that keeps none.</summary>
    public CommandLog? Log { get; }

    /// <summary>When the command started (a <see cref="TimeProvider"/> timestamp).</summary>
    public long Started { get; }

    /// <summary>Ends the status line, then writes <paramref name="text"/> (an error) to stderr and the log, and says where the log is.</summary>
    public void Fail(string text)
    {
        _reporter.Dispose();
        Log?.Write(text.TrimEnd('\n'));
        _context.Error.Write(text);
        if (Log is not null)
            _context.Error.WriteLine($"the log of this command: {Log.Path}");
    }

    public void Dispose()
    {
        _reporter.Dispose();
        Log?.Dispose();
    }
}

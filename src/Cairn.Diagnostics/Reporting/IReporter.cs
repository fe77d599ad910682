namespace Cairn.Diagnostics.Reporting;

/// <summary>
/// How a library tells the user what it is doing while it works. The libraries say everything; the CLI decides
/// what to show at the chosen verbosity, how (a live status line on a terminal, plain lines to a pipe), and writes
/// all of it to the command's log file (docs/output.md).
/// </summary>
public interface IReporter
{
    /// <summary>
    /// Long work begins (<paramref name="doing"/>: "Building part X"); it is shown live until the returned activity
    /// completes, which prints <paramref name="done"/> with the time it took ("Built part X (6.2 s)"), or nothing
    /// when <paramref name="done"/> is null (the work is summed up elsewhere). An activity disposed without
    /// <see cref="IActivity.Complete"/> failed or was interrupted: its error says the rest.
    /// </summary>
    IActivity Begin(string doing, string? done);

    /// <summary>A line the user reads at the default verbosity.</summary>
    void Message(string text);

    /// <summary>Something the user should read even when asking for quiet (a dropped setting, a stand-in).</summary>
    void Warning(string text);

    /// <summary>One line of a tool's output (apt, mmdebstrap, a step's script): shown with --verbose, always logged.</summary>
    void Output(string line);

    /// <summary>Why cairn does what it does (why a step runs, which cache entry it used): --verbosity=debug.</summary>
    void Debug(string text);

    /// <summary>The finest detail (each command line cairn runs): --verbosity=trace.</summary>
    void Trace(string text);

    /// <summary>Stops drawing the live status line until the result is disposed, while something else (an interactive shell) has the terminal.</summary>
    IDisposable Pause();
}

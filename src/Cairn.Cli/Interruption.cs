using System.Runtime.InteropServices;
using Cairn.Diagnostics;

namespace Cairn.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM: the first one cancels the running command, which stops what it started (the
/// sandbox, apt, pip) and leaves the state the next run trusts; a second one ends cairn at once, as if cairn
/// did not handle signals at all.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signalled;

    /// <summary>Starts handling the signals of this process.</summary>
    public Interruption()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The error cairn reports when a command was interrupted.</summary>
    public static Diagnostic Diagnostic(string command) => new(CliErrorCodes.Interrupted, $"cannot finish '{command}': interrupted",
        null, "a step that was running was stopped before it recorded its state, so the next run does it again");

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The second signal is not cancelled: the runtime's default action ends the process.
        if (Interlocked.Exchange(ref _signalled, 1) != 0)
            return;
        context.Cancel = true;
        // Not on the signal thread: cancellation callbacks (stopping the sandbox) may take a while.
        ThreadPool.QueueUserWorkItem(_ => _source.Cancel());
    }
}

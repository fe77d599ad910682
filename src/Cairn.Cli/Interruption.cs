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
    /// <summary>The code of the "interrupted" error (docs/errors.md).</summary>
    public const string Code = "CAIRN6001";

    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    /// <summary>Starts handling the signals of this process.</summary>
    public Interruption()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, 2)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, 15)),
        ];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Once <see cref="Token"/> is cancelled: the shell's convention, 128 plus the signal's number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => 128 + _signal;

    /// <summary>The error cairn reports when a command was interrupted.</summary>
    public static Diagnostic Diagnostic(string command) => new(Code, $"cannot finish '{command}': interrupted",
        null, "a step that was running was stopped before it recorded its state, so the next run does it again");

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context, int signal)
    {
        // The second signal is not cancelled: the runtime's default action ends the process.
        if (Interlocked.CompareExchange(ref _signal, signal, 0) != 0)
            return;
        context.Cancel = true;
        // Not on the signal thread: cancellation callbacks (stopping the sandbox) may take a while.
        ThreadPool.QueueUserWorkItem(_ => _source.Cancel());
    }
}

using System.Runtime.InteropServices;
using Cairn.Daemon;
using Cairn.Pebble.Cli;
using Cairn.Pebble.Reaper;

namespace Cairn.Pebble;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // The privilege-dropping helper a service is spawned through when it runs as another user.
        if (args.Length > 0 && args[0] == PosixSpawner.ExecAsMode) return PosixSpawner.ExecAs(args);
        // The signals the daemon handles, caught even when the parent ignored them, as upstream's Go binary does.
        SignalDispositions.Restore(PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT);
        return await PebbleCli.RunAsync(args).ConfigureAwait(false);
    }
}

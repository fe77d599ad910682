using Cairn.Pebble.Cli;
using Cairn.Pebble.Reaper;

namespace Cairn.Pebble;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // The privilege-dropping helper a service is spawned through when it runs as another user.
        if (args.Length > 0 && args[0] == PosixSpawner.ExecAsMode) return PosixSpawner.ExecAs(args);
        return await PebbleCli.RunAsync(args).ConfigureAwait(false);
    }
}

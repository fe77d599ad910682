using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The published Native AOT <c>pebble</c> the daemon tests run (<c>$PEBBLE_TEST_BIN</c> to choose another).</summary>
public static class PebbleBinary
{
    private static readonly PublishedBinary Binary = new(
        "src/Cairn.Pebble/Cairn.Pebble.csproj", "pebble", "payload", "PEBBLE_TEST_BIN", "src/Cairn.Pebble", "src/Cairn.Pebble.Plan");

    public static string Path => Binary.Path;
}

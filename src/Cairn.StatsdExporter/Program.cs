namespace Cairn.StatsdExporter;

internal static class Program
{
    // Placeholder until the issue that owns this executable lands.
    private static int Main() => 0;
}

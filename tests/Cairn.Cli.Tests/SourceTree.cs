using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>The C# files of <c>src/</c>, without build output: what the whole-tree checks read.</summary>
internal static class SourceTree
{
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
}

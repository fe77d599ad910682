using System.Reflection;

namespace Cairn.TestKit;

/// <summary>Paths inside the cairn checkout the tests were built from.</summary>
public static class Repository
{
    /// <summary>The checkout's root directory (where global.json lives).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the root, from '/'-separated parts.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The sample projects shared by tests.</summary>
    public static string Fixtures => PathOf("tests", "fixtures");

    private static string FindRoot()
    {
        // Recorded at build time, so tests run from any working directory.
        var recorded = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "CairnRepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "global.json")))
            return Path.GetFullPath(recorded);
        throw new InvalidOperationException("internal error: cannot find the cairn checkout the tests were built from");
    }
}

namespace Cairn.TestKit;

/// <summary>Which external tools this machine has, and whether tests may skip when one is missing.</summary>
public static class Tools
{
    /// <summary>True in CI: tests needing a tool must fail, not skip, when it is missing.</summary>
    public static bool AreRequired =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("CAIRN_REQUIRE_TOOLS") == "1";

    public static bool IsOnPath(string tool) => Find(tool) is not null;

    /// <summary>The full path of <paramref name="tool"/> on PATH (and the sbin directories root has), or null.</summary>
    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var dirs = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]);
        return dirs.Select(d => System.IO.Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }

    /// <summary>Throws a clear failure when a tool is missing (for tests that are not [ToolFact]).</summary>
    public static string Require(string tool) =>
        Find(tool) ?? throw new Xunit.Sdk.XunitException($"cannot find '{tool}' on PATH: run scripts/setup (it installs the Debian packages the tests need)");
}

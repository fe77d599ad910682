using Cairn.Diagnostics;
using Cairn.Project;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

/// <summary>
/// Runs one scenario folder under Cases/: copies its project files (not its golden files) into a fresh
/// directory, loads it, and returns the expanded YAML or the rendered errors.
/// </summary>
internal static class CaseRunner
{
    public const string ExpandedGolden = "expected.yaml";
    public const string ErrorsGolden = "expected.txt";

    public static string CasePath(string group, string name) => Repository.PathOf("tests", "Cairn.Project.Tests", "Cases", group, name);

    public static IEnumerable<object[]> Names(string group) =>
        Directory.EnumerateDirectories(Repository.PathOf("tests", "Cairn.Project.Tests", "Cases", group))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    /// <summary>Copies the scenario (without goldens) into <paramref name="temp"/> and returns the project directory.</summary>
    public static string Stage(TempDirectory temp, string group, string name)
    {
        var source = CasePath(group, name);
        var target = temp.Combine("project");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative is ExpandedGolden or ErrorsGolden || relative.EndsWith(".actual", StringComparison.Ordinal))
                continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        return target;
    }

    /// <summary>Renders the problems of a failed load as the CLI shows them (paths relative to the project).</summary>
    public static string Render(CairnException e, string projectDirectory) =>
        DiagnosticRenderer.ForFileSystem(projectDirectory).Render(e.Diagnostics);
}

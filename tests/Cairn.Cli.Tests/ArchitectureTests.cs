using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>The tree keeps the rules docs/architecture.md states, so the map stays true.</summary>
public partial class ArchitectureTests
{
    [GeneratedRegex(@"^\| `(Cairn\.[A-Za-z.]+)` \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex UsesRow();

    [Fact]
    public void Each_project_uses_exactly_what_the_architecture_page_says()
    {
        var documented = UsesRow().Matches(File.ReadAllText(Repository.PathOf("docs", "architecture.md")))
            .ToDictionary(m => m.Groups[1].Value, m => Names(m.Groups[2].Value));
        var projects = Directory.GetDirectories(Repository.PathOf("src")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(projects, documented.Keys.Order(StringComparer.Ordinal));
        foreach (var project in projects)
        {
            var references = XDocument.Load(Path.Combine(Repository.PathOf("src"), project, project + ".csproj"))
                .Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!))
                .Order(StringComparer.Ordinal);
            Assert.True(references.SequenceEqual(documented[project]),
                $"{project} uses {string.Join(", ", references)}; docs/architecture.md says {string.Join(", ", documented[project])}");
        }

        static IEnumerable<string> Names(string cell) =>
            cell.Trim() == "nothing" ? [] : cell.Split(',').Select(n => "Cairn." + n.Trim()).Order(StringComparer.Ordinal).ToList();
    }

    // Also what the tests' PublishedBinary takes a daemon's sources to be: a change anywhere in them publishes it again.
    [Theory]
    [InlineData("Cairn.Pebble", "Cairn.Daemon Cairn.Diagnostics Cairn.Http Cairn.Pebble Cairn.Pebble.Plan")]
    [InlineData("Cairn.StatsdExporter", "Cairn.Daemon Cairn.Http Cairn.StatsdExporter")]
    public void A_daemon_is_built_from_its_own_projects_and_no_part_of_cairn_but_the_layer_format(string daemon, string expected) =>
        Assert.Equal(expected.Split(' '), PublishedBinary.SourceDirectories($"src/{daemon}/{daemon}.csproj").Select(Path.GetFileName));

    [GeneratedRegex(@"^\s*((?:(?:public|internal|private|protected|sealed|static|abstract|partial|readonly|file)\s+)*)(?:class|record|struct|interface|enum)\s+([A-Z][A-Za-z0-9]*)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [Fact]
    public void No_two_types_in_src_share_a_name()
    {
        var src = Repository.PathOf("src");
        // A partial type's files in one directory are one type.
        var names = SourceTree.Files().SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m =>
                (Name: m.Groups[2].Value, Where: m.Groups[1].Value.Contains("partial", StringComparison.Ordinal) ? Path.GetDirectoryName(f)! : f)))
            .Where(t => t.Name != "Program")
            .GroupBy(t => t.Name)
            .Where(g => g.Select(t => t.Where).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => Path.GetRelativePath(src, t.Where)).Distinct())}");
        Assert.Empty(names);
    }

    [Fact]
    public void No_file_in_src_is_over_450_lines()
    {
        var long_ = SourceTree.Files().Select(f => (File: f, Lines: File.ReadLines(f).Count())).Where(f => f.Lines > 450)
            .Select(f => $"{Path.GetRelativePath(Repository.PathOf("src"), f.File)}: {f.Lines}");
        Assert.Empty(long_);
    }
}

using Cairn.Diagnostics;
using Cairn.Project.Yaml;

namespace Cairn.Project.Tests;

public sealed class YamlDocumentLoaderTests
{
    [Fact]
    public void Reports_every_duplicate_key_with_its_position()
    {
        var problems = new List<Diagnostic>();
        var root = YamlDocumentLoader.Load("a: 1\nb:\n  c: 1\n  c: 2\na: 3\nl:\n- {x: 1, x: 2}\n", "f.yaml", problems);
        Assert.Null(root);
        Assert.Equal(
            ["f.yaml:4:3", "f.yaml:5:1", "f.yaml:7:10"],
            problems.Select(p => p.Location!.ToString()));
        Assert.All(problems, p => Assert.Equal(ProjectErrorCodes.DuplicateKey, p.Code));
    }

    [Fact]
    public void The_same_key_in_different_mappings_is_fine()
    {
        var problems = new List<Diagnostic>();
        Assert.NotNull(YamlDocumentLoader.Load("a: {k: 1}\nb: {k: 1}\nl: [{k: 1}, {k: 2}]\n", "f.yaml", problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void Rejects_several_documents()
    {
        var problems = new List<Diagnostic>();
        Assert.Null(YamlDocumentLoader.Load("a: 1\n---\nb: 2\n", "f.yaml", problems));
        Assert.Equal(ProjectErrorCodes.MalformedYaml, Assert.Single(problems).Code);
    }
}

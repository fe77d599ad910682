using Cairn.Diagnostics;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

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
    public void Copies_keep_the_position_of_what_they_copy_and_generated_nodes_have_none()
    {
        var root = (YamlMappingNode)YamlDocumentLoader.Load("a: 1\nparts:\n  p:\n    l: [[x]]\n", "f.yaml", new List<Diagnostic>())!;
        var copy = (YamlMappingNode)YamlNodes.Clone(root);
        var list = (YamlSequenceNode)YamlNodes.Get((YamlMappingNode)YamlNodes.Get((YamlMappingNode)YamlNodes.Get(copy, "parts")!, "p")!, "l")!;

        Assert.Equal((1, 1), YamlNodes.PositionOf(copy));
        Assert.Equal((4, 8), YamlNodes.PositionOf(list));
        Assert.Equal((4, 9), YamlNodes.PositionOf(list.Children[0]));
        // YamlDotNet says 1:1 for a node it did not parse; that is not a place in the file.
        Assert.Equal((0, 0), YamlNodes.PositionOf(new YamlSequenceNode()));
        Assert.Equal("f.yaml", YamlNodes.LocationOf(YamlNodes.Plain("x"), "f.yaml").ToString());
    }

    [Fact]
    public void Rejects_several_documents()
    {
        var problems = new List<Diagnostic>();
        Assert.Null(YamlDocumentLoader.Load("a: 1\n---\nb: 2\n", "f.yaml", problems));
        Assert.Equal(ProjectErrorCodes.MalformedYaml, Assert.Single(problems).Code);
    }
}

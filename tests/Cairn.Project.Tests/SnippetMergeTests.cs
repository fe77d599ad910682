using Cairn.Project.Extensions;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Tests;

public sealed class SnippetMergeTests
{
    private static YamlNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    private static string Merge(string? user, string extension) =>
        YamlWriter.Write(SnippetMerge.Merge(user is null ? null : Yaml(user), Yaml(extension))).Trim();

    [Fact]
    public void Unset_or_empty_user_values_take_the_extension_value()
    {
        Assert.Equal("a: 1", Merge(null, "a: 1"));
        Assert.Equal("- x", Merge("[]", "[x]"));
        Assert.Equal("b: 2", Merge("{}", "{b: 2}"));
    }

    [Fact]
    public void Lists_join_with_extension_items_first_and_strings_deduplicated()
    {
        Assert.Equal("- a\n- b\n- c", Merge("[b, c, a]", "[a, b]"));
    }

    [Fact]
    public void Mappings_merge_recursively_and_user_scalars_win()
    {
        Assert.Equal("x: user\nl:\n- e\n- u\ny: ext", Merge("{x: user, l: [u]}", "{x: ext, l: [e], y: ext}"));
    }

    [Fact]
    public void The_inputs_are_not_changed()
    {
        var user = Yaml("{l: [u]}");
        var before = YamlWriter.Write(user);
        SnippetMerge.Merge(user, Yaml("{l: [e], m: 1}"));
        Assert.Equal(before, YamlWriter.Write(user));
    }
}

using Cairn.Diagnostics;
using Cairn.Project.Validation;

namespace Cairn.Project.Tests;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("sumary", "summary")]
    [InlineData("build_base", "build-base")]
    [InlineData("pltforms", "platforms")]
    [InlineData("orgnaize", "organize")]
    [InlineData("zzz", null)]
    [InlineData("wibble", null)]
    public void Suggests_only_close_keys(string word, string? expected)
    {
        Assert.Equal(expected, Suggestions.Closest(word, ["summary", "build-base", "platforms", "organize", "name", "base"]));
    }
}

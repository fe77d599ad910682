using Cairn.Diagnostics;

namespace Cairn.Parts.Tests;

public class PartsGraphTests
{
    private static Part Part(string name, params string[] after) => new() { Name = name, Plugin = "nil", After = after };

    [Fact]
    public void Order_NoAfter_SortsByName()
    {
        var graph = new PartsGraph([Part("c"), Part("a"), Part("b")]);
        Assert.Equal(["a", "b", "c"], graph.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Order_After_PutsDependenciesFirstAndKeepsNameOrderOtherwise()
    {
        var graph = new PartsGraph([Part("a", "z"), Part("b"), Part("z", "y"), Part("y")]);
        Assert.Equal(["b", "y", "z", "a"], graph.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Order_UnknownAfter_NamesBothParts()
    {
        var e = Assert.Throws<CairnException>(() => new PartsGraph([Part("app", "libs")]));
        Assert.Equal("CAIRN3001", e.Diagnostics[0].Code);
        Assert.Contains("'app'", e.Message);
        Assert.Contains("'libs'", e.Message);
    }

    [Fact]
    public void Order_Cycle_NamesThePartsInTheCycleOnly()
    {
        var e = Assert.Throws<CairnException>(() => new PartsGraph([Part("a", "b"), Part("b", "c"), Part("c", "a"), Part("d", "a"), Part("e")]));
        Assert.Equal("CAIRN3002", e.Diagnostics[0].Code);
        Assert.Contains("'a', 'b', 'c'", e.Message);
        Assert.DoesNotContain("'d'", e.Message);
    }

    [Fact]
    public void Dependents_FollowsAfterTransitively()
    {
        var graph = new PartsGraph([Part("a"), Part("b", "a"), Part("c", "b"), Part("d")]);
        Assert.Equal(["b", "c"], graph.Dependents("a"));
    }
}

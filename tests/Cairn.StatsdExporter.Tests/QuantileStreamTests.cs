using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Tests;

/// <summary>The CKMS targeted-quantile estimator: exact while small, within its error bounds beyond the buffer.</summary>
public sealed class QuantileStreamTests
{
    private static readonly (double, double)[] Targets = [(0.5, 0.05), (0.9, 0.01), (0.99, 0.001)];

    [Fact]
    public void Query_FewSamples_IsExactNearestRank()
    {
        var s = new QuantileStream(Targets);
        foreach (var v in new[] { 0.0125, 0.00325, 0.001 })
            s.Insert(v);

        Assert.Equal(0.00325, s.Query(0.5));
        Assert.Equal(0.0125, s.Query(0.9));
        Assert.Equal(0.001, s.Query(0.0));
        Assert.Equal(3, s.Count);
    }

    [Fact]
    public void Query_Empty_IsZero() => Assert.Equal(0, new QuantileStream(Targets).Query(0.5));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_ManySamples_StaysWithinTheRankError(int seed)
    {
        var rng = new Random(seed);
        var s = new QuantileStream(Targets);
        var values = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var v = rng.NextDouble() * rng.NextDouble() * 1000;
            values.Add(v);
            s.Insert(v);
        }

        values.Sort();
        foreach (var (q, error) in Targets)
        {
            var estimate = s.Query(q);
            var rank = values.BinarySearch(estimate);
            Assert.True(rank >= 0, "the estimate is one of the observations");
            var allowed = error * values.Count + 1;
            Assert.True(Math.Abs(rank - (q * values.Count)) <= allowed, $"q={q}: rank {rank} is further than {allowed} from {q * values.Count}");
        }

        Assert.Equal(20_000, s.Count);
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var s = new QuantileStream(Targets);
        for (var i = 0; i < 1000; i++)
            s.Insert(i);
        s.Reset();
        s.Insert(7);

        Assert.Equal(7, s.Query(0.99));
        Assert.Equal(1, s.Count);
    }
}

using GreatModel.Diagnostics;
using MathNet.Numerics.Statistics;

namespace GreatModel.Tests.Diagnostics;

/// <summary>
/// The summary's one sort (<see cref="RankedDraws"/>) gives bit for bit what sorting or selecting again for each figure gave:
/// MathNet's quantiles and median of the unsorted draws, the HDI, and the rank-normalised split chains of the draws and of
/// the folded draws — with ties, odd lengths, one chain, heavy tails and a constant parameter.
/// </summary>
public class RankedDrawsTests
{
    public static TheoryData<string, int, int, int> Cases => new()
    {
        { "normal", 4, 1000, 1 },
        { "normal", 1, 7, 2 },
        { "normal", 3, 11, 3 }, // odd: the split drops the middle draws
        { "ties", 4, 500, 4 },
        { "ties", 2, 9, 5 },
        { "cauchy", 4, 400, 6 },
        { "constant", 2, 10, 7 },
        { "symmetric", 4, 100, 8 }, // folded ties on both sides of the median
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneSortGivesWhatEachFigureGaveAlone(string kind, int chainCount, int n, int seed)
    {
        var chains = Draws(kind, chainCount, n, seed);
        var all = chains.SelectMany(c => c).ToArray();
        var ranked = new RankedDraws(chains);
        foreach (double p in new[] { 0.05, 0.5, 0.95, 0.0, 1.0, 0.3 })
            Assert.Equal(Statistics.QuantileCustom(all, p, QuantileDefinition.R7), ranked.Quantile(p));
        Assert.Equal(all.Median(), ranked.Median);
        Assert.Equal(ParameterSummary.HighestDensityInterval(all, 0.94), ranked.HighestDensityInterval(0.94));
        AssertSame(Convergence.RankNormalize(Convergence.Split(chains)), ranked.BulkNormalized());
        double median = all.Median();
        AssertSame(Convergence.RankNormalize(Convergence.Split([.. chains.Select(c => c.Select(v => Math.Abs(v - median)).ToArray())])), ranked.FoldedNormalized());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SummaryDiagnosticsAreThePublicOnes(string kind, int chainCount, int n, int seed)
    {
        var chains = Draws(kind, chainCount, n, seed);
        if (chains[0].Length < 4) return;
        var row = ParameterSummary.Of("x", chains);
        // The summary scales by a power of two (exact), so its diagnostics equal those of the draws as given.
        Assert.Equal(Convergence.EssBulk(chains), row.EssBulk);
        Assert.Equal(Convergence.EssTail(chains), row.EssTail);
        Assert.Equal(Convergence.Rhat(chains), row.Rhat);
    }

    private static double[][] Draws(string kind, int chainCount, int n, int seed)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, chainCount).Select(_ => Enumerable.Range(0, n).Select(_ => kind switch
        {
            "ties" => Math.Round(rng.NextDouble() * 6),
            "cauchy" => Math.Tan(Math.PI * (rng.NextDouble() - 0.5)),
            "constant" => 2.5,
            "symmetric" => rng.Next(-3, 4),
            _ => MathNet.Numerics.Distributions.Normal.Sample(rng, 3, 2),
        }).ToArray())];
    }

    private static void AssertSame(double[][] expected, double[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int c = 0; c < expected.Length; c++) Assert.Equal(expected[c], actual[c]);
    }
}

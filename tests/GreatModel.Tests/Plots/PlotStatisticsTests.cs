using GreatModel.Cli.Plots;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Plots;

/// <summary>
/// What the ArviZ-style plots draw (#16 item 8): each chain's density estimate (ArviZ's plot_trace) is a density of the
/// draws, and the rank plot's band holds a uniform bin's count 94% of the time.
/// </summary>
public class PlotStatisticsTests
{
    [Fact]
    public void AChainsDensityEstimateIsTheDrawsDensity()
    {
        var rng = new System.Random(3);
        double[] draws = [.. Enumerable.Range(0, 100_000).Select(_ => Normal.Sample(rng, 2, 0.5))];
        double[] grid = [.. Enumerable.Range(0, ChainDensity.Points).Select(i => draws.Min() + ((draws.Max() - draws.Min()) * i / (ChainDensity.Points - 1)))];
        var density = ChainDensity.Estimate(draws, grid);
        double step = grid[1] - grid[0];
        Assert.InRange(density.Sum() * step, 0.98, 1.01); // a density over the draws' range
        int atMean = Array.FindIndex(grid, x => x >= 2);
        Assert.InRange(density[atMean], 0.97 * Normal.PDF(2, 0.5, grid[atMean]), 1.03 * Normal.PDF(2, 0.5, grid[atMean]));
    }

    [Fact]
    public void AStuckChainStillGetsAFiniteDensity()
    {
        var density = ChainDensity.Estimate([1.0, 1.0, 1.0], [0.0, 0.5, 1.0, 1.5, 2.0]);
        Assert.All(density, d => Assert.True(double.IsFinite(d) && d >= 0));
        Assert.True(density[2] > 0);
    }

    /// <summary>
    /// The rank plot's band is simultaneous: a uniform sample's whole ECDF-difference curve lies inside it 95% of the time
    /// (z from the Monte Carlo error of both the trials and the band's own 1000 simulations), not each point alone.
    /// </summary>
    [Theory]
    [InlineData(100, 100)]
    [InlineData(500, 100)]
    [InlineData(2000, 100)]
    public void TheRankBandHoldsAUniformSamplesWholeCurve95PercentOfTheTime(int draws, int intervals)
    {
        var band = GreatModel.Cli.Plots.EcdfBand.For(draws, intervals);
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(20261206, threadSafe: false);
        const int trials = 2000;
        int inside = 0;
        for (int t = 0; t < trials; t++)
        {
            var values = new double[draws];
            for (int d = 0; d < draws; d++) values[d] = random.NextDouble();
            if (band.Holds(band.Difference(values))) inside++;
        }
        double coverage = inside / (double)trials, se = Math.Sqrt((0.95 * 0.05 / trials) + (0.95 * 0.05 / 1000));
        Assert.InRange((coverage - 0.95) / se, -4, 4);
        // Wider than a pointwise 95% band at its middle (that one would be left by many uniform samples somewhere).
        int mid = band.Points.Length / 2;
        double pointwise = 1.96 * Math.Sqrt(0.25 / draws);
        Assert.True(band.Upper[mid] > pointwise * 0.99, $"upper {band.Upper[mid]} vs pointwise {pointwise}");
    }

    /// <summary>Chain c has one colour in the trace, density and rank plots (chain 1 was blue in one, orange in another).</summary>
    [Fact]
    public void EachChainHasOneColourInEveryPlot()
    {
        double[][] chains = [[1, 2, 3, 2, 1, 2], [2, 3, 4, 3, 2, 1], [0, 1, 2, 3, 2, 2]];
        static ScottPlot.Color ColourOf(ScottPlot.Plot plot, int chain) => plot.GetPlottables()
            .OfType<ScottPlot.IHasLegendText>().Where(p => p.LegendText == $"chain {chain + 1}")
            .Select(p => p switch { ScottPlot.Plottables.Signal s => s.Color, ScottPlot.Plottables.Scatter l => l.Color, _ => default })
            .Single();
        for (int c = 0; c < chains.Length; c++)
        {
            var expected = GreatModel.Cli.Plots.PosteriorPlots.ChainColor(c);
            Assert.Equal(expected, ColourOf(GreatModel.Cli.Plots.PosteriorPlots.Trace("mu", chains), c));
            Assert.Equal(expected, ColourOf(GreatModel.Cli.Plots.PosteriorPlots.Density("mu", chains, null), c));
            Assert.Equal(expected, ColourOf(GreatModel.Cli.Plots.PosteriorPlots.Ranks("mu", chains), c));
            foreach (var part in GreatModel.Cli.Plots.PosteriorPlots.TraceAndDensity("mu", chains, null).Subplots.GetPlots()) // as plot_trace: both sides
                Assert.Equal(expected, ColourOf(part, c));
        }
    }
}

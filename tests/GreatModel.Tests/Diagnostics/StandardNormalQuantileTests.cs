using GreatModel.Diagnostics;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Diagnostics;

/// <summary>AS 241 against MathNet's normal quantile and CDF, from the centre to p = 1e-300 (a transcription slip in any coefficient shows).</summary>
public class StandardNormalQuantileTests
{
    [Fact]
    public void ItIsMathNetsQuantileToTheLastFewBits()
    {
        var ps = Enumerable.Range(1, 999).Select(i => i / 1000.0)
            .Concat(Enumerable.Range(1, 300).Select(k => Math.Pow(10, -k)))
            .Concat([0.5, 0.075, 0.925, 1e-3, 1 - 1e-3, 1 - 1e-9, 1 - 1e-15]);
        foreach (double p in ps)
        {
            double ours = StandardNormalQuantile.Of(p), theirs = Normal.InvCDF(0, 1, p);
            Assert.True(Math.Abs(ours - theirs) <= 1e-13 * Math.Max(1, Math.Abs(theirs)), $"p = {p:R}: {ours:R} against {theirs:R}");
            // And the CDF takes it back to p.
            if (p < 0.5) Assert.Equal(p, Normal.CDF(0, 1, ours), 1e-12 * p);
        }
        Assert.Equal(0, StandardNormalQuantile.Of(0.5));
        Assert.Equal(double.NegativeInfinity, StandardNormalQuantile.Of(0));
        Assert.Equal(double.PositiveInfinity, StandardNormalQuantile.Of(1));
        Assert.True(double.IsNaN(StandardNormalQuantile.Of(1.5)));
    }
}

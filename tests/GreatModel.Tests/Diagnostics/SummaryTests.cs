using GreatModel.Files.Runs;
using System.Text.Json;
using GreatModel.Diagnostics;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Diagnostics;

public class SummaryTests
{
    [Fact]
    public void HdiOfANormalSampleIsTheCentral94PercentInterval()
    {
        var rng = new System.Random(5);
        var x = Enumerable.Range(0, 200_000).Select(_ => Normal.Sample(rng, 2, 3)).ToArray();
        var (low, high) = ParameterSummary.HighestDensityInterval(x, 0.94);
        double half = 3 * Normal.InvCDF(0, 1, 0.97);
        // The width is pinned down tightly; the window's centre is not (near the optimum the width changes
        // only to second order as the window slides), so it gets 5% of an sd.
        Assert.Equal(2 * half, high - low, 0.05);
        Assert.Equal(2, (low + high) / 2, 0.15);
    }

    [Fact]
    public void HdiOfASkewedSampleIsShorterThanTheEqualTailInterval()
    {
        var rng = new System.Random(6);
        var x = Enumerable.Range(0, 100_000).Select(_ => Exponential.Sample(rng, 1)).ToArray();
        var (low, high) = ParameterSummary.HighestDensityInterval(x, 0.94);
        Assert.InRange(low, 0, 0.001);                          // exponential: the HDI starts at the mode, 0
        Assert.Equal(-Math.Log(0.06), high, 0.05);              // and ends at the 94% quantile
    }

    private static ParameterSummary Row(double essBulk, double essTail, double rhat) =>
        new("mu", 0, 1, -1.6, 0, 1.6, -1.9, 1.9, 0.01, 0.01, essBulk, essTail, rhat);

    [Fact]
    public void WarnsInWordsWhenRhatOrEssIsPoor()
    {
        Assert.Empty(Row(1000, 900, 1.005).Warnings());
        Assert.Contains("have not converged", Assert.Single(Row(1000, 900, 1.02).Warnings()), StringComparison.Ordinal);
        Assert.Contains("only 350", Assert.Single(Row(1000, 350, 1.0).Warnings()), StringComparison.Ordinal);
        Assert.Equal(2, Row(100, 350, 1.2).Warnings().Count());
        Assert.Contains("mu: the effective sample size and R-hat are undefined (too few draws", Assert.Single(Row(double.NaN, double.NaN, double.NaN).Warnings()), StringComparison.Ordinal);
        Assert.Contains("mu: the effective sample size is undefined", Assert.Single(Row(1000, double.NaN, 1.0).Warnings()), StringComparison.Ordinal);
        Assert.Contains("mu: R-hat is undefined", Assert.Single(Row(1000, 900, double.NaN).Warnings()), StringComparison.Ordinal);
        // A parameter that never moved (ν pinned by its prior): said so, not blamed on too few draws.
        var pinned = new ParameterSummary("nu", 1, 0, 1, 1, 1, 1, 1, 0, 0, double.NaN, double.NaN, double.NaN);
        Assert.Equal("nu: every draw is 1: it never moved (a prior or range that pins it?), so its convergence cannot be checked.", Assert.Single(pinned.Warnings()));
    }

    [Fact]
    public void JsonHasArvizColumnsAndNullForUndefinedValues()
    {
        var json = JsonDocument.Parse(SummaryJson.Serialize([Row(double.NaN, 900, 1.0)]));
        var mu = json.RootElement.GetProperty("mu");
        foreach (var key in new[] { "mean", "sd", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat" })
            Assert.True(mu.TryGetProperty(key, out _), key);
        Assert.Equal(JsonValueKind.Null, mu.GetProperty("ess_bulk").ValueKind);
        Assert.Equal(1.9, mu.GetProperty("hdi_97%").GetDouble());
    }

    /// <summary>'+' and an apostrophe are written as themselves (System.Text.Json escaped them as \u002B and \u0027).</summary>
    [Fact]
    public void JsonWritesPlusAndApostropheAsThemselves()
    {
        var fit = Sampler.Run(new GreatModel.Model.ObservedData([1.0, 2.5, 0.5, 3.0], "o'brien+1.csv"), new SamplerOptions { Chains = 1, BurnIn = 10, Samples = 10, Seed = 1, Backend = Backend.CpuFast });
        string json = SummaryJson.Serialize([Row(1000, 900, 1.0)], fit);
        Assert.Contains("o'brien+1.csv", json, StringComparison.Ordinal);
        Assert.Contains("xoshiro256++", json, StringComparison.Ordinal); // cpu-fast's description
        Assert.DoesNotContain("\\u002B", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-150)]
    [InlineData(1e150)]
    [InlineData(1e300)]
    public void TheSummaryOfScaledDrawsIsTheScaledSummary(double factor)
    {
        // Draws of any magnitude: sd and MCSE square the draws, which overflowed beyond 1e±77 before.
        var rng = new System.Random(4);
        var chains = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 500).Select(_ => 1 + rng.NextDouble()).ToArray()).ToArray();
        var plain = ParameterSummary.Of("x", chains);
        var scaled = ParameterSummary.Of("x", chains.Select(c => c.Select(v => v * factor).ToArray()).ToArray());
        foreach (var (a, b) in new[] { (plain.Mean, scaled.Mean), (plain.Sd, scaled.Sd), (plain.Q05, scaled.Q05), (plain.Q95, scaled.Q95),
                     (plain.McseMean, scaled.McseMean), (plain.McseSd, scaled.McseSd) })
        {
            Assert.True(double.IsFinite(b), $"{b}");
            Assert.True(Math.Abs((b / (a * factor)) - 1) < 1e-12, $"{a} {b} {b / (a * factor)}");
        }
        // Rank-based and scale-free: equal up to the rounding of v·factor (which can tie two folded ranks).
        Assert.Equal(plain.EssBulk, scaled.EssBulk, 3);
        Assert.Equal(plain.Rhat, scaled.Rhat, 5);
    }

    [Theory]
    [InlineData(1e15, 0.08)] // μ of data near 1e15: draws a few ulps (0.125) apart
    [InlineData(0.3, 0.0)] // ties a rounding apart: every draw 0.3 or 0.1 + 0.2
    [InlineData(-7e9, 1e-6)]
    public void MomentsOfDrawsFarFromZeroAgainstTheirSpreadAreExact(double location, double spread)
    {
        // Summed as they were, such draws gave a mean below every draw and an sd 44 times too large (0.3 ± 0) or 2.3 times
        // (1e15 ± 0.08). The reference is exact: each draw an integer multiple of 2^-1074, summed as a BigInteger.
        var rng = new System.Random(8);
        var chains = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 400).Select(_ => spread == 0
            ? (rng.Next(2) == 0 ? 0.3 : 0.1 + 0.2)
            : location + (spread * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1))).ToArray()).ToArray();
        var all = chains.SelectMany(c => c).ToArray();
        static System.Numerics.BigInteger Units(double v) // v / 2^-1074, exactly
        {
            long bits = BitConverter.DoubleToInt64Bits(Math.Abs(v));
            int exponent = (int)(bits >> 52);
            long mantissa = (bits & ((1L << 52) - 1)) | (exponent > 0 ? 1L << 52 : 0);
            var units = new System.Numerics.BigInteger(mantissa) << Math.Max(exponent - 1, 0);
            return v < 0 ? -units : units;
        }
        static double FromUnits(System.Numerics.BigInteger units, double divisor) => Math.ScaleB((double)units / divisor, -1074);
        var sum = all.Select(Units).Aggregate(System.Numerics.BigInteger.Add);
        double mean = FromUnits(sum, all.Length);
        // n²·Σ(v − mean)² = Σ(n·v − Σv)², exactly; then one division.
        var squares = all.Select(v => (all.Length * Units(v)) - sum).Select(d => d * d).Aggregate(System.Numerics.BigInteger.Add);
        int shift = (int)Math.Max(0, squares.GetBitLength() - 120); // keep 120 bits: a double's 53 and more
        double sd = Math.Sqrt(Math.ScaleB((double)(squares >> shift), shift - (2 * 1074)) / ((double)all.Length * all.Length * (all.Length - 1)));
        var summary = ParameterSummary.Of("mu", chains);
        Assert.InRange(summary.Mean, all.Min(), all.Max());
        Assert.True(Math.Abs(summary.Mean - mean) <= Math.Abs(mean) * 1e-15, $"{summary.Mean:R} against {mean:R}");
        Assert.True(Math.Abs((summary.Sd / sd) - 1) < 1e-9, $"{summary.Sd:R} against {sd:R}");
    }
}

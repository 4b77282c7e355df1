using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Model;

/// <summary>
/// The posterior under p(μ, σ²) ∝ 1/σ² is proper iff 1 − k + (n − k)·ν &gt; 0 (k: the largest group of equal
/// values); GreatModel asks for a margin of 1 (MODEL.md, properness). Refusals name k, the value and the
/// smallest ν allowed, and that ν is itself accepted.
/// </summary>
public class PropernessTests
{
    private static readonly double[] SevenTied = [3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 1.0, 2.2, 4.1, 5.0, 6.3, 0.4, 2.9, 4.4, 3.1, 7.2, 1.8, 2.6, 5.5];

    private static RunPlan Plan(double[] x, double nu) =>
        RunPlan.Create(new ObservedData(x, "tied.csv"), new SamplerOptions { Nu = nu, Seed = 1 }, new RunHooks());

    /// <summary>
    /// Bounds that four digits would print equal are printed with as many as tell them apart, never in exponent form:
    /// 100 000 tied values and one other need ν ≥ 100000, improper for ν ≤ 99999 ("1E+05" both, before).
    /// </summary>
    [Fact]
    public void CloseBoundsArePrintedSoThatTheyDoNotContradictEachOther()
    {
        var x = Enumerable.Repeat(2.0, 100_000).Append(3.0).ToArray();
        var e = Assert.Throws<OptionOutOfRangeException>(() => Plan(x, 99999.9));
        Assert.Contains("must be at least 100000 for", e.Rule, StringComparison.Ordinal);
        Assert.Contains("improper for nu <= 99999 (", e.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("E+", e.Rule, StringComparison.Ordinal);
    }

    /// <summary>A bound that is a whole number is printed as one: 3 tied of 5 are improper for ν ≤ 1 (binary rounding printed 0.99999).</summary>
    [Fact]
    public void AWholeBoundIsPrintedWhole()
    {
        var e = Assert.Throws<OptionOutOfRangeException>(() => Plan([1, 1, 1, 2, 3], 0.5));
        Assert.Contains("must be at least 1.5 for tied.csv: 3 of its 5 observations equal 1, and the posterior is improper for nu <= 1 (", e.Rule, StringComparison.Ordinal);
        Plan([1, 1, 1, 2, 3], 1.5);
    }

    [Fact]
    public void TiedDataWithTooSmallANuAreRefusedNamingTheTieAndTheSmallestNu()
    {
        // k = 7 of n = 20: improper for ν ≤ 6/13; refused below (7 − 1 + 1)/13 = 0.5385.
        var e = Assert.Throws<OptionOutOfRangeException>(() => Plan(SevenTied, 0.05));
        Assert.Equal("Nu", e.ParamName);
        Assert.Contains("must be at least 0.5385 for tied.csv: 7 of its 20 observations equal 3.5", e.Rule, StringComparison.Ordinal);
        Assert.Contains("improper for nu <= 0.461538", e.Rule, StringComparison.Ordinal);
        Plan(SevenTied, 0.5385); // the value the message gives is accepted
    }

    [Theory]
    [InlineData(2, 1, 1.0)]
    [InlineData(20, 7, 7.0 / 13)]
    [InlineData(500, 1, 1.0 / 499)]
    public void TheSmallestNuHasMarginOne(int n, int k, double nu)
    {
        Assert.Equal(nu, Properness.MinimumNu(n, k), 12);
        Assert.Equal(1.0, Properness.Margin(n, k, nu), 12);
    }

    [Fact]
    public void TwoPointsNeedNuOfAtLeastOne()
    {
        Assert.Throws<OptionOutOfRangeException>(() => Plan([0.3, 1.7], 0.99));
        Plan([0.3, 1.7], 1);
    }

    [Fact]
    public void TheLargestNuRuns()
    {
        var fit = Sampler.Run(TestData.Talk, new SamplerOptions { Nu = SamplerOptions.MaxNu, Chains = 2, BurnIn = 100, Samples = 300, Seed = 3, Backend = Backend.Cpu });
        Assert.All(fit.Sigma2.ToArray(), s => Assert.True(double.IsFinite(s) && s > 0));
        Assert.InRange(fit.Mu.ToArray().Average(), TestData.Talk.Mean() - 1, TestData.Talk.Mean() + 1); // ν → ∞: the normal model, μ ≈ x̄
        Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { Nu = 1e308 }.Validate());
    }
}

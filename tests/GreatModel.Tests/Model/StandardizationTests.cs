using GreatModel.Model;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Model;

/// <summary>
/// The sweeps run on standardized data, so the answer does not depend on the data's magnitude: the talk's
/// data scaled by 1e±140 give the scaled posterior (μ·f, σ²·f²) within Monte Carlo error, and data whose σ²
/// no double could hold are refused with the reason.
/// </summary>
public class StandardizationTests
{
    [Theory]
    [InlineData(1e-140)]
    [InlineData(1e-70)]
    [InlineData(1e70)]
    [InlineData(1e140)]
    public void ScaledDataGiveTheScaledPosterior(double factor)
    {
        var scaled = new ObservedData(TestData.Talk.Values.Select(v => v * factor), "scaled");
        var fit = Sampler.Run(scaled, new SamplerOptions { Nu = 6, Chains = 8, BurnIn = 300, Samples = 2500, Seed = 11, Backend = Backend.Cpu });
        var exact = TestData.TalkExact;
        PosteriorAssert.Within4Mcse(fit.Mu, exact.MeanMu * factor, exact.SdMu * factor);
        PosteriorAssert.Within4Mcse(fit.Sigma2, exact.MeanSigma2 * factor * factor, exact.SdSigma2 * factor * factor);
    }

    [Fact]
    public void AFarLocationIsFineAndDrawsMapBackExactly()
    {
        // Location 1e100, spread 1e90: every sweep sees values near 1; μ = centre + 2^k·μ', σ² = 4^k·σ'².
        var shifted = new ObservedData(TestData.Talk.Values.Select(v => 1e100 + (v * 1e90)), "shifted");
        var fit = Sampler.Run(shifted, new SamplerOptions { Nu = 6, Chains = 8, BurnIn = 300, Samples = 2500, Seed = 11, Backend = Backend.Cpu });
        var exact = TestData.TalkExact;
        PosteriorAssert.Within4Mcse(fit.Sigma2, exact.MeanSigma2 * 1e180, exact.SdSigma2 * 1e180);
        Assert.All(fit.Alpha2.ToArray(), a => Assert.Equal(Math.ScaleB(1, Math.ILogB(a)), a)); // α² is the scale², a power of two
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e200)]
    public void DataWhoseSigma2NoDoubleHoldsAreRefused(double factor)
    {
        var data = new ObservedData(TestData.Talk.Values.Select(v => v * factor), "huge.csv");
        var e = Assert.Throws<InvalidInputException>(() => Sampler.Run(data, new SamplerOptions { Samples = 10, BurnIn = 0, Seed = 1 }));
        Assert.StartsWith("huge.csv: the data's spread (1.4826·MAD = ", e.Message, StringComparison.Ordinal);
        Assert.Contains("beyond 1e±150", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneHugeOutlierGivesTheSamePosteriorAsAFarOne()
    {
        // (x − μ)² of a 1e300 datum overflowed and made every draw NaN. Any outlier 1e150 spreads out
        // or more weighs the same on the posterior (Standardization.MaxStandardValue), so the exact
        // answer for an outlier at 1e10, computable by quadrature, is the answer for one at 1e300.
        var exact = ExactPosterior.Compute([.. TestData.Talk.Values, 1e10], 6);
        var data = new ObservedData([.. TestData.Talk.Values, 1e300], "outlier");
        var fit = Sampler.Run(data, new SamplerOptions { Nu = 6, Chains = 8, BurnIn = 300, Samples = 2500, Seed = 11, Backend = Backend.Cpu });
        PosteriorAssert.Within4Mcse(fit.Mu, exact.MeanMu, exact.SdMu);
        PosteriorAssert.Within4Mcse(fit.Sigma2, exact.MeanSigma2, exact.SdSigma2);
    }

    [Fact]
    public void AFarOutlierThePosteriorWouldFollowIsRefused()
    {
        // Six points, ν = 6: n − 1 = 5 < 1·(ν + 1), so the posterior follows a 1e300 outlier (σ² ~ 1e600).
        var data = new ObservedData([1.0, 2, 3, 4, 5, 1e300], "o6.csv");
        var e = Assert.Throws<InvalidInputException>(() => Sampler.Run(data, new SamplerOptions { Nu = 6, Samples = 10, BurnIn = 0, Seed = 1 }));
        Assert.StartsWith("o6.csv: 1 observation(s) lie over 1e150 spreads from the median (e.g. 1E+300); with n = 6 and nu = 6", e.Message, StringComparison.Ordinal);
        Assert.Equal("nu", e.RemedyOption);
        // With ν = 3.5 (n − 1 − (ν + 1) = 0.5 ≥ 0.1) it is set aside: the posterior share that would follow it is (1e150)^-0.5.
        Sampler.Run(data, new SamplerOptions { Nu = 3.5, Samples = 10, BurnIn = 0, Seed = 1 });
    }

    [Fact]
    public void GivenStartsAreInTheDataUnitsAndMapBackExactly()
    {
        // α² carries the data's units², τ² none: σ² starts at α²·τ² in data units whatever the scale.
        var data = new ObservedData(TestData.Talk.Values.Select(v => v * 1e100), "scaled");
        var plan = GreatModel.Sampling.RunPlan.Create(data, new SamplerOptions { Seed = 1, InitialAlpha2 = 3e200, InitialTau2 = 1e-300 }, new GreatModel.Sampling.RunHooks());
        Assert.Equal(3e200 * 1e-300, plan.ToDraw(0, plan.InitialStates[0]).Sigma2, 1e-300 * 1e-12 * 3e200);
    }

    [Fact]
    public void MostlyTiedDataWithAFarOutlierStillHaveARobustScale()
    {
        // 11 of 20 at the median: the scale comes from the values off it, not a mean an outlier dominates.
        double[] x = [.. Enumerable.Repeat(5.0, 11), 1, 2, 3, 4, 6, 7, 8, 9, 1e300];
        var fit = Sampler.Run(x, new SamplerOptions { Nu = 6, Chains = 2, BurnIn = 200, Samples = 300, Seed = 2, Backend = Backend.Cpu });
        Assert.InRange(fit.Mu.ToArray().Average(), 4, 6);
    }

    [Fact]
    public void FarOutliersHeldTogetherMustNotMakeThePosteriorImproper()
    {
        // Five distinct values beyond 1e150 spreads are all held at +1e150: a tie of 5, improper at ν = 0.1.
        double[] x = [.. Enumerable.Range(1, 15).Select(i => (double)i), 1e300, 2e300, 3e300, 4e300, 5e300];
        var e = Assert.Throws<InvalidInputException>(() => Sampler.Run(x, new SamplerOptions { Nu = 0.1, Samples = 10, BurnIn = 0, Seed = 1 }));
        Assert.Contains("5 observations lie over 1e150 spreads from the median on one side", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("fit with a larger nu", e.Message, StringComparison.Ordinal); // the tie is what fails: more ν, not less
        var estimated = Assert.Throws<InvalidInputException>(() => Sampler.Run(x, new SamplerOptions { EstimateNu = true, NuMin = 0.2, Samples = 10, BurnIn = 0, Seed = 1 }));
        Assert.Equal("NuMin", estimated.RemedyOption);
        Sampler.Run(x, new SamplerOptions { Nu = 1, Samples = 10, BurnIn = 0, Seed = 1 }); // tie margin 1 − 5 + 15 = 11: fine
    }
}

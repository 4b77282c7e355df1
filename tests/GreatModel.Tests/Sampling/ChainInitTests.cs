using GreatModel.Model;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// SamplerOptions.Inits (#16): each chain starts exactly at the user's values (data units), ν given or dispersed; the
/// posterior from starts far apart still matches quadrature; values that do not fit the run are refused by name.
/// </summary>
public class ChainInitTests
{
    private static readonly ChainInit[] FarApart = [new(100, 1e4), new(-100, 0.01), new(-3, 30), new(40, 1e-3)];

    [Fact]
    public void EachChainStartsAtItsOwnValues()
    {
        var plan = RunPlan.Create(TestData.Talk, new SamplerOptions { Chains = 4, Seed = 2, Inits = FarApart }, new RunHooks());
        for (int c = 0; c < 4; c++)
        {
            var start = plan.ToDraw(c, plan.InitialStateOf(c));
            Assert.Equal(FarApart[c].Mu, start.Mu, 1e-12 * Math.Abs(FarApart[c].Mu));
            Assert.Equal(FarApart[c].Sigma2, start.Sigma2, 1e-12 * FarApart[c].Sigma2);
        }
        var one = RunPlan.Create(TestData.Talk, new SamplerOptions { Chains = 3, Seed = 2, Inits = [new(1, 2)] }, new RunHooks());
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(1, one.ToDraw(c, one.InitialStateOf(c)).Mu, 1e-12));
    }

    [Fact]
    public void WithNuEstimatedAGivenNuIsTheStartAndAMissingOneIsDispersed()
    {
        var options = new SamplerOptions { Chains = 2, Seed = 2, EstimateNu = true, Inits = [new(0, 30, 3.5), new(0, 30)] };
        var plan = RunPlan.Create(TestData.Talk, options, new RunHooks());
        Assert.Equal(3.5, plan.InitialStateOf(0).Nu);
        var dispersed = RunPlan.Create(TestData.Talk, options with { Inits = null }, new RunHooks()).InitialStateOf(1).Nu;
        Assert.Equal(dispersed, plan.InitialStateOf(1).Nu); // the same draw from the chain's own stream
    }

    [Fact]
    public void StartsFarApartStillReachTheQuadraturePosterior()
    {
        var fit = Sampler.Run(TestData.Talk, new SamplerOptions { Nu = 6, Chains = 4, BurnIn = 300, Samples = 3000, Seed = 5, Backend = Backend.CpuFast, Inits = FarApart });
        PosteriorAssert.Within4Mcse(fit.Mu, TestData.TalkExact.MeanMu, TestData.TalkExact.SdMu);
        PosteriorAssert.Within4Mcse(fit.Sigma2, TestData.TalkExact.MeanSigma2, TestData.TalkExact.SdSigma2);
    }

    [Theory]
    [InlineData(3, "gives 2 chains' starting values; the run has 3 chains")]
    [InlineData(2, "nu is fixed")]
    public void InitsThatDoNotFitTheRunAreRefused(int chains, string error)
    {
        ChainInit[] inits = chains == 3 ? [new(0, 1), new(0, 1)] : [new(0, 1), new(0, 1, 5)];
        var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(TestData.Talk, new SamplerOptions { Chains = chains, Inits = inits }));
        Assert.Equal(nameof(SamplerOptions.Inits), e.ParamName);
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, "mu must be finite")]
    [InlineData(0.0, 0.0, "sigma2 must be a finite number > 0")]
    [InlineData(0.0, double.PositiveInfinity, "sigma2 must be a finite number > 0")]
    public void ValuesOutOfRangeAreRefused(double mu, double sigma2, string error)
    {
        var e = Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { Inits = [new(mu, sigma2)] }.Validate());
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotWithASingleStartNorInAGroupedRun()
    {
        Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { InitialMu = 1, Inits = [new(0, 1)] }.Validate());
        Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { EstimateNu = true, Inits = [new(0, 1, 0.5)] }.Validate()); // below nu-min 1
        var groups = new GroupedData([KeyValuePair.Create("a", TestData.Talk)], "test");
        var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Run(groups, new SamplerOptions { Inits = [new(0, 1)] }));
        Assert.Contains("grouped", e.Message, StringComparison.Ordinal);
    }
}

using GreatModel.Diagnostics;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Run until enough (<see cref="SamplerOptions.TargetEss"/>): it stops at the first check (100 draws per chain, then each 1.2
/// times more) where every parameter reaches the target, the same draws whatever the threads, and the posterior it stops
/// with agrees with quadrature; runs it cannot serve are refused.
/// </summary>
public class TargetEssTests
{
    private static readonly SamplerOptions Options = new() { EstimateNu = true, Chains = 4, BurnIn = 400, Samples = 50_000, TargetEss = 1000, Seed = 3, Backend = Backend.CpuFast };

    [Fact]
    public void ItStopsAtTheFirstCheckThatReachesTheTargetWithTheSameDrawsOnAnyThreads()
    {
        var one = Sampler.Run(TestData.Talk, Options, new RunHooks { CpuThreads = 1 });
        var two = Sampler.Run(TestData.Talk, Options, new RunHooks { CpuThreads = 2 });
        Assert.True(one.TargetReached);
        Assert.False(one.Cancelled);
        Assert.Equal(one.DrawsPerChain, two.DrawsPerChain);
        Assert.Equal(one.Nu!.ToArray(), two.Nu!.ToArray());
        Assert.Equal(one.Sigma2.ToArray(), two.Sigma2.ToArray());

        // It stopped at a check, and the check before it had not reached the target.
        var checks = new List<int> { TargetEssRule.FirstCheck };
        while (checks[^1] < one.DrawsPerChain) checks.Add((int)Math.Ceiling(checks[^1] * TargetEssRule.Growth));
        Assert.Equal(one.DrawsPerChain, checks[^1]);
        Assert.True(Reached(one, one.DrawsPerChain));
        Assert.False(Reached(one, checks[^2]));
    }

    [Fact]
    public void WhatItStopsWithAgreesWithQuadrature()
    {
        var fit = Sampler.Run(TestData.Talk, Options with { Seed = 21, TargetEss = 2000 });
        Assert.True(fit.TargetReached);
        var exact = TestData.TalkExactNu;
        PosteriorAssert.Within4Mcse(fit.Mu, exact.MuSigma2.MeanMu, exact.MuSigma2.SdMu);
        PosteriorAssert.Within4Mcse(fit.Sigma2, exact.MuSigma2.MeanSigma2, exact.MuSigma2.SdSigma2);
        PosteriorAssert.Within4Mcse(fit.Nu!, exact.MeanNu, exact.SdNu);
    }

    [Fact]
    public void ACapReachedFirstIsSaidAndIsNotACancellation()
    {
        var fit = Sampler.Run(TestData.Talk, Options with { Samples = 150, TargetEss = 100_000 });
        Assert.False(fit.TargetReached);
        Assert.False(fit.Cancelled);
        Assert.Equal(150, fit.DrawsPerChain);
        Assert.Null(Sampler.Run(TestData.Talk, Options with { TargetEss = null, Samples = 20 }).TargetReached);
    }

    [Fact]
    public void RunsItCannotServeAreRefused()
    {
        var small = Options with { Samples = 200 };
        void Refused(Action run, string containing)
        {
            var e = Assert.Throws<OptionOutOfRangeException>(run);
            Assert.Equal(nameof(SamplerOptions.TargetEss), e.ParamName);
            Assert.Contains(containing, e.Message, StringComparison.Ordinal);
        }
        Refused(() => Sampler.Run(TestData.Talk, small, new RunHooks { Checkpoint = _ => { } }), "checkpointed or resumed");
        Refused(() => Sampler.Run(TestData.Talk, small, new RunHooks { KeepDrawsInMemory = false }), "kept in memory");
        Refused(() => Sampler.Run(TestData.Talk, small with { TotalChains = 8 }), "shard");
        Refused(() => Sampler.Run(TestData.Talk, small with { TargetEss = 0 }), "from 1");
    }

    private static bool Reached(Posterior fit, int draws) => new[] { fit.Mu, fit.Sigma2, fit.Nu! }.All(p =>
    {
        var chains = p.ToChainArrays().Select(c => c[..draws]).ToArray();
        return Convergence.EssBulk(chains) >= fit.Options.TargetEss && Convergence.EssTail(chains) >= fit.Options.TargetEss
            && Convergence.Rhat(chains) <= SamplerOptions.TargetRhat;
    });
}

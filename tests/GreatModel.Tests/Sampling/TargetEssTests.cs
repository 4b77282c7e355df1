using GreatModel.Diagnostics;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Run until enough (<see cref="SamplerOptions.TargetEss"/>): it stops at the first check (100 draws per chain, then where the
/// ESS seen extrapolates to the target) where every parameter reaches the target, the same draws whatever the threads, and the posterior it stops
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

        // Replayed from the draws: it stopped at the first check that reached the target, the checks where the rule puts them.
        int at = TargetEssRule.FirstCheck, checks = 0;
        while (true)
        {
            var (worst, rhatOk) = Progress(one, at);
            checks++;
            if (worst >= 1 && rhatOk) break;
            Assert.True(at < one.DrawsPerChain, $"a check at {at} draws per chain did not reach the target, yet the run stopped at {one.DrawsPerChain}");
            at = TargetEssRule.NextCheckAfter(at, worst, !rhatOk, Options.Samples);
        }
        Assert.Equal(one.DrawsPerChain, at);
        Assert.InRange(checks, 2, 4); // aimed at the target: a few checks, not one every fifth more draws
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

    /// <summary>The progress of a run until enough aims at its next check, not at its cap, and ends full when it stops at the target.</summary>
    [Fact]
    public void ItsProgressAimsAtTheNextCheckNotTheCap()
    {
        var reports = new List<SamplingProgress>();
        var fit = Sampler.Run(TestData.Talk, Options with { Samples = 100_000 }, new RunHooks { Progress = new Recorder(reports.Add) });
        Assert.True(fit.TargetReached);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.InRange(r.TotalSweeps, r.SweepsDone, Options.BurnIn + (4L * fit.DrawsPerChain)));
        long end = fit.Options.BurnIn + (long)fit.DrawsPerChain;
        Assert.Equal((end, end), (reports[^1].SweepsDone, reports[^1].TotalSweeps));
    }

    /// <summary>An IProgress that records each report as it is made (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Recorder(Action<SamplingProgress> record) : IProgress<SamplingProgress>
    {
        public void Report(SamplingProgress value) => record(value);
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

    /// <summary>
    /// The smallest bulk or tail ESS over the target, over μ, σ², ν, of the first <paramref name="draws"/> draws per chain; and
    /// whether every R̂ is within bound, read only while the ESS is (as the rule reads it).
    /// </summary>
    private static (double Worst, bool RhatOk) Progress(Posterior fit, int draws)
    {
        double worst = double.PositiveInfinity;
        bool rhatOk = true;
        foreach (var p in new[] { fit.Mu, fit.Sigma2, fit.Nu! })
        {
            var chains = p.ToChainArrays().Select(c => c[..draws]).ToArray();
            worst = Math.Min(worst, Math.Min(Convergence.EssBulk(chains), Convergence.EssTail(chains)) / fit.Options.TargetEss!.Value);
            if (worst >= 1 && rhatOk) rhatOk = Convergence.Rhat(chains) <= SamplerOptions.TargetRhat; // as the rule: R̂ once the ESS is there
        }
        return (worst, rhatOk);
    }
}

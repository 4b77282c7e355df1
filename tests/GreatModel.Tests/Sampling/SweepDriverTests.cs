using GreatModel.Kernels;
using GreatModel.Sampling;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Sampling;

/// <summary>The run loop stops at the first invalid state, naming chain and sweep, and records nothing of it.</summary>
public class SweepDriverTests
{
    /// <summary>A sweeper whose chain 1 turns NaN (or its σ² to 0) at a chosen sweep.</summary>
    private sealed class Failing(int chains, long failAt, double sigma2AtFailure) : FailingSweeperBase(chains)
    {
        public override void Sweep(long sweep)
        {
            if (sweep == failAt) States[1] = new ChainState(double.IsNaN(sigma2AtFailure) ? double.NaN : 0.5, 1, sigma2AtFailure, 6);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void AnInvalidStateStopsTheRunNamingChainAndSweep(double sigma2)
    {
        var plan = TestPlans.For([1.0, 2.0, 4.0], 3, seed: 1, chains: 3);
        using var never = new CancellationTokenSource();
        var sink = new CancelAfter(draws: int.MaxValue, never);
        var e = Assert.Throws<SamplingFailedException>(() =>
            SweepDriver.Run(plan, new Failing(3, failAt: 600, sigma2), [sink], null, CancellationToken.None));
        Assert.Equal(1, e.Chain);
        Assert.Equal(600, e.Sweep);
        Assert.Contains("chain 2, sweep 601", e.Message, StringComparison.Ordinal);
        Assert.Equal(600 - plan.Options.BurnIn, sink.Recorded); // draws of sweeps burn-in .. 599; the failed sweep is never recorded
    }
}

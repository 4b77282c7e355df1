using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Sampling;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Model;

/// <summary>
/// Steps 3–5 on their own: for fixed sums, each scalar draw has its exact conditional law, with MathNet's samplers (the
/// reference's, <see cref="ScalarUpdates.DrawConditionals"/>) and with the other backends' counter-addressed ones
/// (<see cref="HostConditionals"/>), at shapes with and without the boost (νn/2 and n/2 below 1).
/// </summary>
public class ScalarUpdatesTests
{
    private const int Draws = 20_000;
    private static readonly SweepSums Sums = new(s0: 12.5, s1: -20.0, s2: 33.0);

    /// <summary>Sampler × (n, ν): n = 50, ν = 4 is the common case; n = 1 boosts χ²_n's gamma; n = 3, ν = 0.4 boosts τ²'s.</summary>
    public static TheoryData<string, int, double> Cases => new()
    {
        { "mathnet", 50, 4.0 }, { "counter", 50, 4.0 }, { "counter", 1, 4.0 }, { "counter", 3, 0.4 }, { "counter", 2, 1.0 },
    };

    private static (double Mu, double Alpha2, double Tau2)[] DrawMany(string sampler, int n, double nu)
    {
        if (sampler == "mathnet")
        {
            var rng = new PhiloxRandomSource(99, 0, RandomStream.HostScalars);
            return [.. Enumerable.Range(0, Draws).Select(_ => ScalarUpdates.DrawConditionals(rng, Sums, n, nu))];
        }
        // Half the draws from successive sweeps of one chain, half from many chains in one sweep: both counter words vary.
        var halfN = GammaShape.For(n / 2.0);
        return
        [
            .. Enumerable.Range(0, Draws / 2).Select(s => HostConditionals.Draw(99, 0, (uint)s, Sums, halfN, n, nu)),
            .. Enumerable.Range(0, Draws / 2).Select(c => HostConditionals.Draw(99, (uint)c, 7, Sums, halfN, n, nu)),
        ];
    }

    [Fact]
    public void TheStateAfterASweepIsRescaledToAlpha2OneWithSigma2Kept()
    {
        var a = ScalarUpdates.DrawConditionals(new PhiloxRandomSource(5, 0, RandomStream.HostScalars), Sums, 50, 4.0);
        var b = ScalarUpdates.Draw(new PhiloxRandomSource(5, 0, RandomStream.HostScalars), Sums, 50,
            new ChainState(0, 1, 1, 4.0), nuUpdate: null);
        Assert.Equal(a.Mu, b.Mu);
        Assert.Equal(1.0, b.Alpha2);
        Assert.Equal(a.Alpha2 * a.Tau2, b.Tau2);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Alpha2IsS2OverChiSquareN(string sampler, int n, double nu)
    {
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(DrawMany(sampler, n, nu).Select(s => Sums.S2 / s.Alpha2), v => ChiSquared.CDF(n, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MuIsNormalAroundS1OverS0WithVarianceAlpha2OverS0(string sampler, int n, double nu)
    {
        // Standardised by its own alpha2, each mu must be an exact N(0, 1) draw.
        var z = DrawMany(sampler, n, nu).Select(s => (s.Mu - (Sums.S1 / Sums.S0)) / Math.Sqrt(s.Alpha2 / Sums.S0)).ToArray();
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(z, v => Normal.CDF(0, 1, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
        Assert.InRange(z.Average(), -4 / Math.Sqrt(Draws), 4 / Math.Sqrt(Draws));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tau2IsGammaWithShapeNuNOver2AndRateNuS0Over2(string sampler, int n, double nu)
    {
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(DrawMany(sampler, n, nu).Select(s => s.Tau2), v => Gamma.CDF(nu * n / 2, nu * Sums.S0 / 2, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
    }

    [Fact]
    public void TheCounterAddressedDrawsAreIndependentAcrossDrawsOfOneSweep()
    {
        // The three draws of a sweep come from different counters: the χ²'s normal and μ's must not be one variate.
        var draws = DrawMany("counter", 50, 4.0);
        var chi = draws.Select(s => Sums.S2 / s.Alpha2).ToArray();
        var z = draws.Select(s => (s.Mu - (Sums.S1 / Sums.S0)) / Math.Sqrt(s.Alpha2 / Sums.S0)).ToArray();
        var tau = draws.Select(s => s.Tau2).ToArray();
        double limit = 4 / Math.Sqrt(Draws);
        Assert.InRange(MathNet.Numerics.Statistics.Correlation.Spearman(chi, z), -limit, limit);
        Assert.InRange(MathNet.Numerics.Statistics.Correlation.Spearman(chi, tau), -limit, limit);
        Assert.InRange(MathNet.Numerics.Statistics.Correlation.Spearman(z, tau), -limit, limit);
    }

    [Fact]
    public void DrawIndexHonoursBurnInAndThin()
    {
        var plan = RunPlan.Create(TestData.Talk, new SamplerOptions { BurnIn = 3, Samples = 2, Thin = 2, Seed = 1 }, new RunHooks());
        Assert.Equal([-1, -1, -1, -1, 0, -1, 1], Enumerable.Range(0, 7).Select(s => plan.DrawIndex(s)));
    }
}

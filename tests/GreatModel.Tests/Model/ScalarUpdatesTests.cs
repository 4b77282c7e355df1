using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Sampling;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Model;

/// <summary>Steps 3–5 on their own: for fixed sums, each scalar draw has its exact conditional law.</summary>
public class ScalarUpdatesTests
{
    private const int Draws = 20_000, N = 50;
    private const double Nu = 4;
    private static readonly SweepSums Sums = new(s0: 12.5, s1: -20.0, s2: 33.0);

    private static (double Mu, double Alpha2, double Tau2)[] DrawMany()
    {
        var rng = new PhiloxRandomSource(99, 0, RandomStream.HostScalars);
        return Enumerable.Range(0, Draws).Select(_ => ScalarUpdates.DrawConditionals(rng, Sums, N, Nu)).ToArray();
    }

    [Fact]
    public void TheStateAfterASweepIsRescaledToAlpha2OneWithSigma2Kept()
    {
        var a = ScalarUpdates.DrawConditionals(new PhiloxRandomSource(5, 0, RandomStream.HostScalars), Sums, N, Nu);
        var b = ScalarUpdates.Draw(new PhiloxRandomSource(5, 0, RandomStream.HostScalars), Sums, N,
            new ChainState(0, 1, 1, Nu), nuUpdate: null);
        Assert.Equal(a.Mu, b.Mu);
        Assert.Equal(1.0, b.Alpha2);
        Assert.Equal(a.Alpha2 * a.Tau2, b.Tau2);
    }

    [Fact]
    public void Alpha2IsS2OverChiSquareN()
    {
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(DrawMany().Select(s => Sums.S2 / s.Alpha2), v => ChiSquared.CDF(N, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
    }

    [Fact]
    public void MuIsNormalAroundS1OverS0WithVarianceAlpha2OverS0()
    {
        // Standardised by its own alpha2, each mu must be an exact N(0, 1) draw.
        var z = DrawMany().Select(s => (s.Mu - (Sums.S1 / Sums.S0)) / Math.Sqrt(s.Alpha2 / Sums.S0)).ToArray();
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(z, v => Normal.CDF(0, 1, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
        Assert.InRange(z.Average(), -4 / Math.Sqrt(Draws), 4 / Math.Sqrt(Draws));
    }

    [Fact]
    public void Tau2IsGammaWithShapeNuNOver2AndRateNuS0Over2()
    {
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(DrawMany().Select(s => s.Tau2), v => Gamma.CDF(Nu * N / 2, Nu * Sums.S0 / 2, v));
        Assert.True(p > GoodnessOfFit.RejectBelow, $"p = {p}");
    }

    [Fact]
    public void DrawIndexHonoursBurnInAndThin()
    {
        var plan = RunPlan.Create(TestData.Talk, new SamplerOptions { BurnIn = 3, Samples = 2, Thin = 2, Seed = 1 }, new RunHooks());
        Assert.Equal([-1, -1, -1, -1, 0, -1, 1], Enumerable.Range(0, 7).Select(s => plan.DrawIndex(s)));
    }
}

using GreatModel.Kernels;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Support;

/// <summary>
/// MODEL.md step 1 for one datum through a backend's per-datum code: (ν τ² + (x-μ)²/α²) / U ~ χ²_{ν+1},
/// each sweep number giving a fresh draw; checked by KS against MathNet's χ² CDF.
/// </summary>
public static class LatentUpdateCheck
{
    /// <param name="sweepSums">The sums of a one-datum sweep: datum x, chain 0, the given state and parameters.</param>
    public static void AssertScaledInverseChiSquare(double nu, Func<double, ChainState, SweepParameters, SweepSums> sweepSums, int draws = 20_000)
    {
        var state = new ChainState(mu: 1.5, alpha2: 2.0, tau2: 0.7, nu);
        double x = -2.0, scale = (nu * state.Tau2) + ((x - state.Mu) * (x - state.Mu) / state.Alpha2);
        var chi2 = Enumerable.Range(0, draws).Select(s =>
        {
            var p = new SweepParameters { Nu = nu, Chi2 = ChiSquaredShape.For(nu + 1), Key0 = 9, Key1 = 9, Sweep = (uint)s, DataLength = 1, TileCount = 1 };
            return sweepSums(x, state, p).S0 * scale;
        });
        var (_, pValue) = GoodnessOfFit.KolmogorovSmirnov(chi2, v => ChiSquared.CDF(nu + 1, v));
        Assert.True(pValue > GoodnessOfFit.RejectBelow, $"ν = {nu}: p = {pValue}");
    }
}

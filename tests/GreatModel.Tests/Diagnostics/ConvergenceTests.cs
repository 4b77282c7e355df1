using GreatModel.Diagnostics;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Diagnostics;

public class ConvergenceTests
{
    private static double[][] Ar1Chains(int chains, int n, double rho, int seed, double[]? shifts = null)
    {
        var rng = new System.Random(seed);
        double innovationSd = Math.Sqrt(1 - (rho * rho));
        return Enumerable.Range(0, chains).Select(c =>
        {
            var x = new double[n];
            double prev = Normal.Sample(rng, 0, 1);
            for (int t = 0; t < n; t++)
            {
                prev = (rho * prev) + (innovationSd * Normal.Sample(rng, 0, 1));
                x[t] = prev + (shifts?[c] ?? 0);
            }
            return x;
        }).ToArray();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    [InlineData(0.9)]
    [InlineData(-0.3)]
    public void Ar1EssMatchesTheory(double rho)
    {
        // ESS = M N (1-ρ)/(1+ρ). With 4 × 5000 draws the estimator's own relative sd is a few percent
        // (larger for ρ = 0.9); 15% is over 3 of those.
        var chains = Ar1Chains(4, 5000, rho, seed: 11);
        double expected = 4 * 5000 * (1 - rho) / (1 + rho);
        double ess = Convergence.EffectiveSampleSize(chains);
        Assert.InRange(ess / expected, 0.85, 1.15);
        Assert.InRange(Convergence.EssBulk(chains) / expected, 0.85, 1.15);
    }

    [Fact]
    public void IidChainsHaveRhatNearOne()
    {
        var chains = Ar1Chains(4, 1000, 0, seed: 12);
        Assert.InRange(Convergence.Rhat(chains), 0.99, 1.01);
    }

    [Fact]
    public void ChainsWithShiftedMeansHaveRhatWellAboveOne()
    {
        var chains = Ar1Chains(4, 1000, 0, seed: 13, shifts: [0, 0, 0, 1]);
        Assert.True(Convergence.Rhat(chains) > 1.1, $"R-hat {Convergence.Rhat(chains)}");
    }

    [Fact]
    public void ChainsWithDifferentScalesAreCaughtByTheFoldedRhat()
    {
        // Same location, sd 1 vs 3: bulk R-hat misses it, the folded (tail) R-hat does not.
        var chains = Ar1Chains(4, 1000, 0, seed: 14);
        chains[3] = chains[3].Select(v => v * 3).ToArray();
        Assert.True(Convergence.Rhat(chains) > 1.05, $"R-hat {Convergence.Rhat(chains)}");
    }

    [Fact]
    public void AutocovarianceMatchesDirectSums()
    {
        double[] x = [0.3, -1.2, 2.5, 0.7, 0.1, -0.4, 1.9, -2.2, 0.05];
        var fft = Convergence.Autocovariance(x);
        var direct = DirectDiagnostics.Autocovariance(x);
        for (int t = 0; t < x.Length; t++) Assert.Equal(direct[t], fft[t], 1e-13);
    }

    [Fact]
    public void EssAndRhatMatchADirectComputationOnSmallArrays()
    {
        double[][] chains =
        [
            [0.2, 0.5, 0.4, 0.9, 1.1, 0.8, 0.3, -0.2, 0.1, 0.6, 0.7, 0.5],
            [1.0, 1.3, 0.9, 0.4, 0.2, 0.6, 1.2, 1.5, 0.8, 0.7, 0.3, 0.1],
            [-0.3, 0.1, 0.5, 0.2, 0.9, 0.4, 0.0, 0.3, 0.6, 1.0, 0.8, 0.2],
        ];
        Assert.Equal(DirectDiagnostics.Ess(chains), Convergence.EffectiveSampleSize(chains), 1e-9);
        var split = Convergence.Split(chains);
        Assert.Equal(DirectDiagnostics.Rhat(split), Convergence.RhatBasic(split), 1e-12);
    }

    [Fact]
    public void RankNormalisationAveragesTiesAndPreservesOrder()
    {
        double[][] chains = [[1, 2, 2], [5, 3, 4]];
        var z = Convergence.RankNormalize(chains);
        Assert.Equal(z[0][1], z[0][2]);
        Assert.True(z[0][0] < z[0][1] && z[0][1] < z[1][1] && z[1][1] < z[1][2] && z[1][2] < z[1][0]);
        Assert.Equal(Normal.InvCDF(0, 1, (2.5 - 0.375) / 6.25), z[0][1], 1e-12);
    }
}

using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Simulation-based calibration (Talts et al. 2018) of the sampler with ν estimated and its default move (the ridge move):
/// ν drawn from its prior, data simulated from t_ν(0, 1), the model fitted, and the rank of each true value among draws of
/// its posterior recorded. With μ and σ² fixed at (0, 1) their ranks are still uniform: p(μ, σ²) ∝ 1/σ² is the right Haar
/// prior of the location–scale group, whose posterior intervals have exact frequentist coverage for every (μ, σ²); ν's
/// are uniform because it is drawn from its prior. A sampler that leaves the wrong posterior invariant, or a stopping rule
/// that biases the draws, shows as bins out of balance.
/// </summary>
public class CalibrationTests
{
    private const int Replicates = 400, Compared = 99, Bins = 10, N = 40;

    [Theory]
    [InlineData(false)] // a run of fixed length
    [InlineData(true)] // a run until enough (TargetEss): where it stops depends on the draws
    public void RanksOfTheTrueValuesAreUniform(bool untilEnough)
    {
        var counts = new int[3, Bins];
        var prior = NuPrior.Default;
        Parallel.For(0, Replicates, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r =>
        {
            var rng = new GreatModel.Random.PhiloxRandomSource(1000 + (ulong)r, 0, GreatModel.Random.RandomStream.Simulation);
            double nu;
            do nu = Gamma.Sample(rng, prior.Shape, prior.Rate); // the prior truncated to [1, 1e6], by rejection
            while (nu < SamplerOptions.DefaultNuMin);
            var x = Simulation.StudentT(N, nu, 0, 1, seed: 5000 + (ulong)r);
            var fit = Sampler.Run(x, new SamplerOptions
            {
                EstimateNu = true,
                Chains = 2,
                BurnIn = 200,
                Samples = untilEnough ? 5000 : 400,
                TargetEss = untilEnough ? 150 : null,
                Seed = (ulong)r,
                Backend = Backend.CpuFast,
            }, new GreatModel.Sampling.RunHooks { CpuThreads = 1 });
            if (untilEnough) Assert.True(fit.TargetReached);
            double[] truths = [0, 1, nu];
            var draws = new[] { fit.Mu, fit.Sigma2, fit.Nu! };
            for (int p = 0; p < 3; p++)
            {
                var pooled = draws[p].ToChainArrays().SelectMany(c => c).ToArray();
                // Compared draws spread evenly over the pooled chains: far enough apart to be nearly independent.
                int rank = Enumerable.Range(0, Compared).Count(k => pooled[(int)((k + 0.5) * pooled.Length / Compared)] < truths[p]);
                Interlocked.Increment(ref counts[p, rank * Bins / (Compared + 1)]);
            }
        });
        string[] names = ["mu", "sigma2", "nu"];
        for (int p = 0; p < 3; p++)
        {
            double expected = Replicates / (double)Bins, chiSquare = 0;
            for (int b = 0; b < Bins; b++) chiSquare += Math.Pow(counts[p, b] - expected, 2) / expected;
            double pValue = 1 - ChiSquared.CDF(Bins - 1, chiSquare);
            var bins = string.Join(' ', Enumerable.Range(0, Bins).Select(b => counts[p, b]));
            Assert.True(pValue > Support.GoodnessOfFit.RejectBelow / 3, $"{names[p]}: ranks per bin {bins}, chi-square {chiSquare:F1}, p = {pValue:G3}"); // three tests (Bonferroni)
        }
    }
}

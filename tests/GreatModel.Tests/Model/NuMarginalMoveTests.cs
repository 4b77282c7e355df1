using GreatModel.Data;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Model;

/// <summary>
/// ν's marginal Metropolis move on its own: for fixed (μ, σ²) and data, applied many times it leaves
/// p(ν | μ, σ², x) ∝ π(ν)·Π t_ν(x_i | μ, σ²) invariant, so the end states of many independent chains follow it
/// (its CDF by quadrature in log ν). Its step adapts during burn-in only.
/// </summary>
public class NuMarginalMoveTests
{
    private const double Mu = 0.1, Sigma2 = 1.3;

    [Theory]
    [InlineData(30, 4.0, 1.0, 1e6)]
    [InlineData(400, 1e3, 1.0, 1e6)]
    [InlineData(60, 2.0, 1.5, 8.0)]
    public void EndStatesOfManyChainsFollowTheMarginalConditional(int n, double trueNu, double min, double max)
    {
        const int chains = 2000, burnIn = 100, steps = 200;
        var x = Simulation.StudentT(n, trueNu, Mu, Math.Sqrt(Sigma2), seed: (ulong)n).ToArray();
        var prior = NuPrior.Default;
        var move = new NuMarginalMove(Enumerable.Repeat(n, chains).ToArray(), new NuUpdate(prior, min, max), burnIn);
        var finals = new double[chains];
        Parallel.For(0, chains, c =>
        {
            var rng = new PhiloxRandomSource(3, c, RandomStream.HostScalars);
            var s = new ChainState(Mu, 1, Sigma2, Math.Clamp(10, min, max), ChiSquaredShape.ForVarying(10));
            for (int step = 0; step < steps; step++)
            {
                s = move.Propose(rng, c, s);
                s = move.Decide(rng, c, step, s, new SweepSums(Likelihood(x, s.Nu), Likelihood(x, s.ProposedNu), 0, 0));
                Assert.Equal(0, s.ProposedNu);
            }
            finals[c] = Math.Log(s.Nu);
        });
        // The target from MathNet's own densities, independent of the move's formula: the t likelihood, the prior, the Jacobian.
        double LogTarget(double eta)
        {
            double nu = Math.Exp(eta);
            return x.Sum(xi => StudentT.PDFLn(Mu, Math.Sqrt(Sigma2), nu, xi)) + Gamma.PDFLn(prior.Shape, prior.Rate, nu) + eta;
        }
        var cdf = NuConditionalTests.NumericalCdf(LogTarget, Math.Log(min), Math.Log(max));
        var (d, p) = GoodnessOfFit.KolmogorovSmirnov(finals, cdf);
        Assert.True(p > GoodnessOfFit.RejectBelow, $"KS D = {d:F4}, p = {p:G3}; accepted {move.Accepted} of {chains * steps}");
    }

    [Fact]
    public void TheStepAdaptsDuringBurnInOnly()
    {
        var move = new NuMarginalMove([100], new NuUpdate(NuPrior.Default, 1, 1e6), burnIn: 10);
        var rng = new PhiloxRandomSource(5, 0, RandomStream.HostScalars);
        var s = new ChainState(Mu, 1, Sigma2, 5, ChiSquaredShape.ForVarying(5));
        double start = move.Step(0);
        for (int sweep = 0; sweep < 10; sweep++)
            s = move.Decide(rng, 0, sweep, move.Propose(rng, 0, s), new SweepSums(1e6, 0, 0, 0)); // every proposal accepted
        double adapted = move.Step(0);
        Assert.True(adapted > start, "acceptance above 0.44 widens the step");
        for (int sweep = 10; sweep < 20; sweep++)
            s = move.Decide(rng, 0, sweep, move.Propose(rng, 0, s), new SweepSums(1e6, 0, 0, 0));
        Assert.Equal(adapted, move.Step(0));
    }

    /// <summary>Σ log(1 + t_i/ν), t_i = (x_i − μ)²/σ², as the ν likelihood pass sums it.</summary>
    private static double Likelihood(double[] x, double nu) => x.Sum(xi => Math.Log(1 + ((xi - Mu) * (xi - Mu) / Sigma2 / nu)));
}

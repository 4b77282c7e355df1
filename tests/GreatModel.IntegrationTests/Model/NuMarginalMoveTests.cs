using GreatModel.Files.Draws;
using GreatModel.Files.Export;
using GreatModel.Files.Runs;
using GreatModel.Model;
using GreatModel.Kernels;
using GreatModel.Random;
using GreatModel.Tests.Support;
using MathNet.Numerics.Distributions;

namespace GreatModel.Tests.Model;

/// <summary>
/// ν's marginal moves on their own, the data fixed. The random walk (μ, σ² held), applied many times, leaves
/// p(ν | μ, σ², x) ∝ π(ν)·Π t_ν(x_i | μ, σ²) invariant; the ridge move leaves p(μ, ν, σ² | x) ∝ π(ν)·σ⁻²·Π t_ν(x_i | μ, σ²)
/// invariant. So the end states of many independent chains follow those targets (CDFs by quadrature from MathNet's own
/// densities, not the move's formula). Adaptation happens during burn-in only.
/// </summary>
public class NuMarginalMoveTests
{
    private const double Mu = 0.1, Sigma2 = 1.3;

    [Theory]
    [InlineData(30, 4.0, 1.0, 1e6)]
    [InlineData(400, 1e3, 1.0, 1e6)]
    [InlineData(60, 2.0, 1.5, 8.0)]
    public void EndStatesOfManyRandomWalksFollowTheMarginalConditional(int n, double trueNu, double min, double max)
    {
        const int chains = 2000, burnIn = 100, steps = 200;
        var x = Simulation.StudentT(n, trueNu, Mu, Math.Sqrt(Sigma2), seed: (ulong)n).ToArray();
        var prior = NuPrior.Default;
        var move = new NuMarginalMove(Enumerable.Repeat(n, chains).ToArray(), new NuUpdate(prior, min, max), burnIn, NuMove.RandomWalk);
        var finals = new double[chains];
        Parallel.For(0, chains, c =>
        {
            var rng = new PhiloxRandomSource(3, c, RandomStream.HostScalars);
            var s = new ChainState(Mu, 1, Sigma2, Math.Clamp(10, min, max), ChiSquaredShape.ForVarying(10));
            for (int step = 0; step < steps; step++)
            {
                s = move.Propose(rng, c, step, s);
                Assert.Equal((Mu, Sigma2), (s.ProposedMu, s.ProposedSigma2));
                s = move.Decide(rng, c, step, s, new SweepSums(Likelihood(x, Mu, s.Nu, Sigma2), Likelihood(x, s.ProposedMu, s.ProposedNu, s.ProposedSigma2), 0, 0));
                Assert.Equal(0, s.ProposedNu);
                Assert.Equal(Sigma2, s.Tau2); // σ² held
            }
            finals[c] = Math.Log(s.Nu);
        });
        double LogTarget(double eta)
        {
            double nu = Math.Exp(eta);
            return x.Sum(xi => StudentT.PDFLn(Mu, Math.Sqrt(Sigma2), nu, xi)) + Gamma.PDFLn(prior.Shape, prior.Rate, nu) + eta;
        }
        var cdf = NumericalCdf.Of(LogTarget, Math.Log(min), Math.Log(max));
        var (d, p) = GoodnessOfFit.KolmogorovSmirnov(finals, cdf);
        Assert.True(p > GoodnessOfFit.RejectBelow, $"KS D = {d:F4}, p = {p:G3}; accepted {move.Accepted} of {chains * steps}");
    }

    /// <summary>
    /// The ridge move alone: chains start dispersed, fit their proposals in burn-in (windows [B/4, B/2) and [B/2, B)) and
    /// then move (μ, ν, σ²) by independence steps only; their end states' μ, ν and σ² each follow the 3-D target's
    /// marginals, by quadrature on a grid in (μ, log ν, log σ²). A truncated range checks the rejection of proposals outside it.
    /// </summary>
    [Theory]
    [InlineData(30, 4.0, 1.0, 1e6)]
    [InlineData(200, 40.0, 1.0, 1e6)]
    [InlineData(60, 2.0, 1.5, 8.0)]
    public void EndStatesOfManyRidgeMovesFollowTheJointPosterior(int n, double trueNu, double min, double max)
    {
        const int chains = 2000, burnIn = 200, steps = 400;
        var x = Simulation.StudentT(n, trueNu, Mu, Math.Sqrt(Sigma2), seed: (ulong)n + 7).ToArray();
        var prior = NuPrior.Default;
        var move = new NuMarginalMove(Enumerable.Repeat(n, chains).ToArray(), new NuUpdate(prior, min, max), burnIn, NuMove.Ridge);
        var finals = new double[3][];
        for (int i = 0; i < 3; i++) finals[i] = new double[chains];
        Parallel.For(0, chains, c =>
        {
            var rng = new PhiloxRandomSource(4, c, RandomStream.HostScalars);
            double start = Math.Clamp(10 * Math.Exp(rng.NextDouble() - 0.5), min, max);
            var s = new ChainState(Mu + rng.NextDouble() - 0.5, 1.5, Sigma2 * Math.Exp(rng.NextDouble() - 0.5) / 1.5, start, ChiSquaredShape.ForVarying(start));
            for (int step = 0; step < steps; step++)
            {
                s = move.Propose(rng, c, step, s);
                s = move.Decide(rng, c, step, s, new SweepSums(Likelihood(x, s.Mu, s.Nu, s.Alpha2 * s.Tau2), Likelihood(x, s.ProposedMu, s.ProposedNu, s.ProposedSigma2), 0, 0));
                Assert.Equal(1.5, s.Alpha2); // the move sets σ² through τ²
                // In burn-in μ and σ² must move too, as the Gibbs steps move them in a run (the random walk holds them):
                // plain Metropolis steps with ν held, which leave the same target invariant.
                if (step < burnIn) s = GibbsStandIn(x, s, rng);
            }
            Assert.NotNull(move.ProposalOf(c));
            (finals[0][c], finals[1][c], finals[2][c]) = (s.Mu, Math.Log(s.Nu), Math.Log(s.Alpha2 * s.Tau2));
        });
        var (after, proposed) = move.CountsAfterBurnIn;
        Assert.Equal(chains * (long)(steps - burnIn), proposed);
        Assert.True(after > proposed / 4, $"the fitted proposal is accepted {after} times in {proposed}");

        // The target on a grid, from MathNet's densities: t likelihood, ν's prior with the Jacobian ν, σ²'s prior 1/σ² with
        // its Jacobian σ² (flat in log σ²), μ's flat prior.
        double LogTarget(double mu, double eta, double lambda)
        {
            double nu = Math.Exp(eta), scale = Math.Exp(0.5 * lambda);
            return x.Sum(xi => StudentT.PDFLn(mu, scale, nu, xi)) + Gamma.PDFLn(prior.Shape, prior.Rate, nu) + eta;
        }
        double centre = finals[0].Order().ElementAt(chains / 2), spread = Math.Sqrt(Sigma2 / n);
        double lambdaCentre = finals[2].Order().ElementAt(chains / 2), lambdaSpread = Math.Sqrt(2.0 / n);
        var cdfs = MarginalCdfs(LogTarget, [(centre - (12 * spread), centre + (12 * spread)), (Math.Log(min), Math.Log(Math.Min(max, 1e4))),
            (lambdaCentre - Math.Max(1.5, 12 * lambdaSpread), lambdaCentre + Math.Max(1.5, 12 * lambdaSpread))]);
        string[] names = ["mu", "log nu", "log sigma2"];
        for (int i = 0; i < 3; i++)
        {
            var (d, p) = GoodnessOfFit.KolmogorovSmirnov(finals[i], cdfs[i]);
            Assert.True(p > GoodnessOfFit.RejectBelow / 3, $"{names[i]}: KS D = {d:F4}, p = {p:G3}"); // three tests at once (Bonferroni)
        }
    }

    [Fact]
    public void TheRandomWalkStepAdaptsDuringBurnInOnly()
    {
        var move = new NuMarginalMove([100], new NuUpdate(NuPrior.Default, 1, 1e6), burnIn: 10, NuMove.RandomWalk);
        var rng = new PhiloxRandomSource(5, 0, RandomStream.HostScalars);
        var s = new ChainState(Mu, 1, Sigma2, 5, ChiSquaredShape.ForVarying(5));
        double start = move.Step(0);
        for (int sweep = 0; sweep < 10; sweep++)
            s = move.Decide(rng, 0, sweep, move.Propose(rng, 0, sweep, s), new SweepSums(1e6, 0, 0, 0)); // every proposal accepted
        double adapted = move.Step(0);
        Assert.True(adapted > start, "acceptance above 0.44 widens the step");
        for (int sweep = 10; sweep < 20; sweep++)
            s = move.Decide(rng, 0, sweep, move.Propose(rng, 0, sweep, s), new SweepSums(1e6, 0, 0, 0));
        Assert.Equal(adapted, move.Step(0));
        Assert.Null(move.ProposalOf(0));
    }

    /// <summary>The ridge proposal is fitted at B/2 from sweeps [B/4, B/2), refitted at B from [B/2, B), then never again.</summary>
    [Fact]
    public void TheRidgeProposalIsFittedTwiceInBurnInThenFrozen()
    {
        const int burnIn = 200;
        var move = new NuMarginalMove([100], new NuUpdate(NuPrior.Default, 1, 1e6), burnIn, NuMove.Ridge);
        var rng = new PhiloxRandomSource(6, 0, RandomStream.HostScalars);
        var s = new ChainState(Mu, 1, Sigma2, 5, ChiSquaredShape.ForVarying(5));
        var seen = new List<RidgeProposal?>();
        for (int sweep = 0; sweep < 2 * burnIn; sweep++)
        {
            s = move.Propose(rng, 0, sweep, s);
            seen.Add(move.ProposalOf(0));
            // A likelihood that favours every proposal a little: the chain moves, so the windows see spread.
            s = move.Decide(rng, 0, sweep, s, new SweepSums(10, 9.9, 0, 0));
        }
        Assert.All(seen.Take(burnIn / 2), p => Assert.Null(p));
        Assert.NotNull(seen[burnIn / 2]);
        Assert.All(seen.Skip(burnIn / 2).Take(burnIn / 2), p => Assert.Equal(seen[burnIn / 2], p));
        Assert.NotEqual(seen[burnIn / 2], seen[burnIn]);
        Assert.All(seen.Skip(burnIn), p => Assert.Equal(seen[burnIn], p));
    }

    /// <summary>Too short a burn-in to fit (fewer than <see cref="RidgeProposal.MinPoints"/> points a window): the random walk goes on.</summary>
    [Fact]
    public void AShortBurnInKeepsTheRandomWalk()
    {
        var move = new NuMarginalMove([100], new NuUpdate(NuPrior.Default, 1, 1e6), burnIn: 30, NuMove.Ridge);
        var rng = new PhiloxRandomSource(7, 0, RandomStream.HostScalars);
        var s = new ChainState(Mu, 1, Sigma2, 5, ChiSquaredShape.ForVarying(5));
        for (int sweep = 0; sweep < 60; sweep++)
            s = move.Decide(rng, 0, sweep, move.Propose(rng, 0, sweep, s), new SweepSums(10, 9.9, 0, 0));
        Assert.Null(move.ProposalOf(0));
    }

    /// <summary>Random-walk Metropolis steps on μ and on log σ² at fixed ν, targeting Π t_ν(x | μ, σ²) (flat in μ and log σ²).</summary>
    private static ChainState GibbsStandIn(double[] x, ChainState s, System.Random rng)
    {
        double sigma2 = s.Alpha2 * s.Tau2;
        double LogTarget(double mu, double v) => (-0.5 * x.Length * Math.Log(v)) - (0.5 * (s.Nu + 1) * Likelihood(x, mu, s.Nu, v));
        double proposedMu = s.Mu + (Math.Sqrt(sigma2 / x.Length) * Normal.Sample(rng, 0, 1));
        if (Math.Log(rng.NextDouble()) < LogTarget(proposedMu, sigma2) - LogTarget(s.Mu, sigma2)) s.Mu = proposedMu;
        double proposed = sigma2 * Math.Exp(0.3 * Normal.Sample(rng, 0, 1));
        if (Math.Log(rng.NextDouble()) < LogTarget(s.Mu, proposed) - LogTarget(s.Mu, sigma2)) s.Tau2 = proposed / s.Alpha2;
        return s;
    }

    /// <summary>Σ log(1 + (x_i − μ)²/(ν·σ²)), as the ν likelihood pass sums it.</summary>
    private static double Likelihood(double[] x, double mu, double nu, double sigma2) => x.Sum(xi => Math.Log(1 + ((xi - mu) * (xi - mu) / (nu * sigma2))));

    /// <summary>The three marginal CDFs of a 3-D log density on a box, by the midpoint rule on an 80³ grid, linear between points.</summary>
    private static Func<double, double>[] MarginalCdfs(Func<double, double, double, double> logDensity, (double Lo, double Hi)[] box)
    {
        const int points = 80;
        var h = box.Select(b => (b.Hi - b.Lo) / points).ToArray();
        double At(int axis, int i) => box[axis].Lo + ((i + 0.5) * h[axis]);
        var log = new double[points, points, points];
        Parallel.For(0, points, i =>
        {
            for (int j = 0; j < points; j++)
            {
                for (int k = 0; k < points; k++) log[i, j, k] = logDensity(At(0, i), At(1, j), At(2, k));
            }
        });
        double top = double.NegativeInfinity;
        foreach (double v in log) top = Math.Max(top, v);
        var mass = new double[3][];
        for (int axis = 0; axis < 3; axis++) mass[axis] = new double[points];
        for (int i = 0; i < points; i++)
        {
            for (int j = 0; j < points; j++)
            {
                for (int k = 0; k < points; k++)
                {
                    double w = Math.Exp(log[i, j, k] - top);
                    mass[0][i] += w;
                    mass[1][j] += w;
                    mass[2][k] += w;
                }
            }
        }
        return [.. Enumerable.Range(0, 3).Select(axis => Cdf(mass[axis], box[axis].Lo, h[axis]))];
    }

    private static Func<double, double> Cdf(double[] mass, double lo, double h)
    {
        var cumulative = new double[mass.Length + 1];
        for (int i = 0; i < mass.Length; i++) cumulative[i + 1] = cumulative[i] + mass[i];
        double total = cumulative[^1];
        return v =>
        {
            double position = Math.Clamp((v - lo) / h, 0, mass.Length);
            int i = Math.Min((int)position, mass.Length - 1);
            return (cumulative[i] + ((position - i) * mass[i])) / total;
        };
    }
}

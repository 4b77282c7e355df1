using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Reference;

/// <summary>
/// The Gibbs sweep of MODEL.md written plainly, one chain at a time, every draw from MathNet.Numerics
/// with the chain's own Philox stream. It is the readable specification and the oracle the fast
/// backends are tested against. Chains run in parallel; each depends only on (seed, chain).
/// </summary>
public static class ReferenceSampler
{
    public const string Name = "reference (MathNet.Numerics, one chain per core)";

    internal static void Run(ObservedData data, SamplerOptions options, ulong seed, Posterior posterior,
        CancellationToken cancel)
    {
        var x = data.ToArray();
        double start = options.InitialMu ?? data.Mean();
        Parallel.For(0, options.Chains, new ParallelOptions { CancellationToken = cancel }, chain =>
        {
            var rng = new PhiloxRandomSource(seed, chain, RandomStream.Reference);
            var state = new ChainState(start, options.InitialAlpha2, options.InitialTau2);
            for (long sweep = 0; sweep < options.TotalSweeps; sweep++)
            {
                cancel.ThrowIfCancellationRequested();
                state = Sweep(x, state, options.Nu, rng);
                int draw = ScalarUpdates.DrawIndex(sweep, options);
                if (draw >= 0) posterior.Record(chain, draw, state);
            }
        });
    }

    /// <summary>One full sweep: steps 1–2 over the data, then steps 3–5.</summary>
    public static ChainState Sweep(double[] x, ChainState s, double nu, System.Random rng)
    {
        var sums = default(SweepSums);
        foreach (double xi in x)
        {
            double dev = xi - s.Mu;
            double u = (nu * s.Tau2 + dev * dev / s.Alpha2) / ScalarUpdates.ChiSquare(rng, nu + 1);
            sums += new SweepSums(1 / u, xi / u, dev * dev / u);
        }
        return ScalarUpdates.Draw(rng, sums, x.Length, nu);
    }
}

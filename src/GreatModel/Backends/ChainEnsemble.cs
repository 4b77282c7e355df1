using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Backends;

/// <summary>
/// Drives many chains through a sweep engine: the engine does the per-datum work for all chains, the
/// host then draws alpha2 → mu → tau2 per chain (MathNet, each chain its own Philox stream, in parallel
/// when chains are many) and records mu and sigma2.
/// </summary>
internal static class ChainEnsemble
{
    /// <summary>Below this many chains the host draws run on one thread (forking costs more).</summary>
    private const int ParallelHostDrawThreshold = 64;

    public static void Run(ISweepEngine engine, ObservedData data, SamplerOptions options, ulong seed,
        Posterior posterior, CancellationToken cancel)
    {
        int chains = options.Chains, n = data.Count;
        double nu = options.Nu;
        var rngs = Enumerable.Range(0, chains).Select(c => new PhiloxRandomSource(seed, c, RandomStream.HostScalars)).ToArray();
        var scalars = Enumerable.Repeat(new ChainState(options.InitialMu ?? data.Mean(), options.InitialAlpha2, options.InitialTau2), chains).ToArray();
        var sums = new SweepSums[chains];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = chains >= ParallelHostDrawThreshold ? Environment.ProcessorCount : 1 };

        for (long sweep = 0; sweep < options.TotalSweeps; sweep++)
        {
            cancel.ThrowIfCancellationRequested();
            engine.ComputeSums((uint)sweep, scalars, sums);
            int draw = ScalarUpdates.DrawIndex(sweep, options);
            Parallel.For(0, chains, parallel, c =>
            {
                scalars[c] = ScalarUpdates.Draw(rngs[c], sums[c], n, nu);
                if (draw >= 0) posterior.Record(c, draw, scalars[c]);
            });
        }
    }
}

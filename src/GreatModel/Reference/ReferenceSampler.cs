using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Reference;

/// <summary>
/// The Gibbs sweep of MODEL.md written plainly, every draw from MathNet.Numerics with the chain's own
/// Philox stream. It is the readable specification and the oracle the fast backends are tested against.
/// Chains are independent: each sweep updates them in parallel, each depending only on (seed, chain).
/// </summary>
internal sealed class ReferenceSampler
{
    public const string Name = "reference (MathNet.Numerics, one chain per core)";

    private readonly double[] _x;
    private readonly double _nu;
    private readonly ChainState[] _states;
    private readonly PhiloxRandomSource[] _rngs;
    private readonly ParallelOptions _parallel;

    public ReferenceSampler(ObservedData data, SamplerOptions options, ulong seed, ChainState[] states, int? cpuThreads)
    {
        _x = data.ToArray();
        _nu = options.Nu;
        _states = states;
        _rngs = Enumerable.Range(0, states.Length).Select(c => new PhiloxRandomSource(seed, c, RandomStream.Reference)).ToArray();
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = cpuThreads ?? Environment.ProcessorCount };
    }

    public void Sweep(long sweep) =>
        Parallel.For(0, _states.Length, _parallel, c => _states[c] = Sweep(_x, _states[c], _nu, _rngs[c]));

    /// <summary>One full sweep of one chain: steps 1–2 over the data, then steps 3–5.</summary>
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

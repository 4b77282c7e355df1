using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Sampling;

namespace GreatModel.Reference;

/// <summary>
/// The Gibbs sweep of MODEL.md written plainly, every draw from MathNet.Numerics with the chain's own
/// Philox stream. It is the readable specification and the oracle the fast backends are tested against.
/// Chains are independent: each sweep updates them in parallel, each depending only on (seed, chain).
/// </summary>
internal sealed class ReferenceSampler : IChainwiseSweeper
{
    private readonly double[][] _x;
    private readonly NuUpdate? _nuUpdate;
    private readonly NuMarginalMove? _marginalMove;
    private long _sweep;
    private readonly ChainState[] _states;
    private readonly PhiloxRandomSource[] _rngs;
    private readonly ParallelOptions _parallel;
    private readonly Action<int> _sweepChain;
    private readonly RunPlan _plan;

    public ReferenceSampler(RunPlan plan)
    {
        _plan = plan;
        _x = [.. Enumerable.Range(0, plan.Slots).Select(s => plan.GroupOf(s).Values)];
        _nuUpdate = plan.NuUpdate;
        _marginalMove = plan.CreateNuMarginalMove();
        _states = Enumerable.Range(0, plan.Slots).Select(plan.InitialStateOf).ToArray();
        _rngs = Enumerable.Range(0, plan.Slots).Select(s => plan.RandomSourceOf(s, RandomStream.Reference)).ToArray();
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = plan.Threads };
        _sweepChain = c => _states[c] = SweepChain(c, _sweep, _states[c]);
        Description = $"reference: MathNet.Numerics, one chain per core, {plan.Threads} threads";
    }

    public string Description { get; }

    public ChainState[] States => _states;

    public (long Accepted, long Proposed)? NuMoveAfterBurnIn => _marginalMove?.CountsAfterBurnIn;

    /// <summary>Null: the reference sampler does all of its work on the host.</summary>
    public TimeSpan? HostScalarTime => null;

    public RunCheckpoint Capture(long sweeps) => ChainCheckpoints.Capture(_plan, sweeps, _states, _rngs, _marginalMove);

    public void Restore(RunCheckpoint checkpoint) => ChainCheckpoints.Restore(checkpoint, _plan, _states, _rngs, _marginalMove);

    public bool SweepsChainsAlone => true;

    public ChainState SweepChain(int slot, long sweep, ChainState state) =>
        Sweep(_x[slot], MarginalMove(slot, sweep, state), _nuUpdate, _rngs[slot]);

    public void Sweep(long sweep)
    {
        _sweep = sweep;
        Parallel.For(0, _states.Length, _parallel, _sweepChain);
    }

    /// <summary>ν's marginal move (the ridge move or the random walk) when it is on, its t log likelihood terms summed plainly; else the state as it is.</summary>
    private ChainState MarginalMove(int chain, long sweep, ChainState s)
    {
        if (_marginalMove is null) return s;
        s = _marginalMove.Propose(_rngs[chain], chain, sweep, s);
        double sigma2 = s.Alpha2 * s.Tau2, atNu = 0, atProposal = 0;
        foreach (double xi in _x[chain])
        {
            atNu += Math.Log(1 + ((xi - s.Mu) * (xi - s.Mu) / (s.Nu * sigma2)));
            atProposal += Math.Log(1 + ((xi - s.ProposedMu) * (xi - s.ProposedMu) / (s.ProposedNu * s.ProposedSigma2)));
        }
        return _marginalMove.Decide(_rngs[chain], chain, sweep, s, new SweepSums(atNu, atProposal, 0, 0));
    }

    /// <summary>
    /// One full sweep of one chain: steps 1–2 over the data with the chain's ν (χ²_{ν+1} = 2·Gamma((ν + 1)/2, 1)),
    /// then steps 3–5, and ν's draw when <paramref name="nuUpdate"/> is given (S3 = Σ log(1/U) is summed only then).
    /// </summary>
    public static ChainState Sweep(double[] x, ChainState s, NuUpdate? nuUpdate, System.Random rng)
    {
        var sums = default(SweepSums);
        double nu = s.Nu, latentHalfShape = (s.Nu + 1) / 2;
        foreach (double xi in x)
        {
            double dev = xi - s.Mu;
            double u = (nu * s.Tau2 + dev * dev / s.Alpha2) / ScalarUpdates.ChiSquareOfHalfShape(rng, latentHalfShape);
            sums += new SweepSums(1 / u, xi / u, dev * dev / u, nuUpdate is null ? 0.0 : Math.Log(1 / u));
        }
        return ScalarUpdates.Draw(rng, sums, x.Length, s, nuUpdate);
    }

    public void Dispose() { }
}

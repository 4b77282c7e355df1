using System.Diagnostics;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// The Gibbs sweep of every kernel backend: the engine does the per-datum work for all chains (MODEL.md
/// steps 1–2), then the host draws alpha2 → mu → tau2 (→ nu when estimated) per chain (steps 3–5b; MathNet, each chain its own
/// Philox stream, in parallel when chains are many). Owns the engine. With a native engine (<see cref="IChainwiseEngine"/>) it can
/// also sweep one chain alone, so that small runs carry each chain through many sweeps on one thread (<see cref="ChainBlocks"/>).
/// </summary>
internal sealed class ChainEnsemble : IChainwiseSweeper
{
    /// <summary>Below this many chains the host draws run on one thread (forking costs more).</summary>
    private const int ParallelHostDrawThreshold = 64;

    private readonly ISweepEngine _engine;
    private readonly ChainState[] _states;
    private readonly PhiloxRandomSource[] _rngs;
    private readonly SweepSums[] _sums;
    private readonly ChunkedParallelFor _drawChains, _proposeChains, _decideChains;
    private readonly NuMarginalMove? _marginalMove;
    private long _sweep;
    private readonly int[] _n;
    private readonly NuUpdate? _nuUpdate;
    private readonly long _totalSweeps;
    private readonly RunPlan _plan;
    private long _hostTicks;

    /// <summary>Whether half 0's kernel for the next sweep is already queued (launched by the previous call).</summary>
    private bool _firstHalfLaunched;

    public ChainEnsemble(RunPlan plan, ISweepEngine engine)
    {
        _engine = engine;
        _plan = plan;
        Description = engine.Description + (plan.Options.Precision == Precision.Single ? ", single-precision variates" : "");
        _states = Enumerable.Range(0, plan.Slots).Select(plan.InitialStateOf).ToArray();
        _n = [.. Enumerable.Range(0, plan.Slots).Select(s => plan.GroupOf(s).N)];
        _nuUpdate = plan.NuUpdate;
        _totalSweeps = plan.TotalSweeps;
        _rngs = Enumerable.Range(0, plan.Slots).Select(s => plan.RandomSourceOf(s, RandomStream.HostScalars)).ToArray();
        _sums = new SweepSums[plan.Slots];
        int threads = plan.Slots >= ParallelHostDrawThreshold ? plan.Threads : 1;
        _drawChains = new(threads, c => _states[c] = ScalarUpdates.Draw(_rngs[c], _sums[c], _n[c], _states[c], _nuUpdate));
        _marginalMove = plan.CreateNuMarginalMove();
        _proposeChains = new(threads, c => _states[c] = _marginalMove!.Propose(_rngs[c], c, _sweep, _states[c]));
        _decideChains = new(threads, c => _states[c] = _marginalMove!.Decide(_rngs[c], c, _sweep, _states[c], _sums[c]));
    }

    public string Description { get; }

    /// <summary>The per-datum engine (benchmarks time it alone).</summary>
    public ISweepEngine Engine => _engine;

    public ChainState[] States => _states;

    public (long Accepted, long Proposed)? NuMoveAfterBurnIn => _marginalMove?.CountsAfterBurnIn;

    /// <summary>Time spent in the host scalar draws so far (the benchmark's "host share"); null once chains were swept alone (not separable).</summary>
    public TimeSpan? HostScalarTime => _sweptAlone ? null : Stopwatch.GetElapsedTime(0, _hostTicks);

    /// <summary>Whether <see cref="SweepChain"/> has run: its host draws are not timed apart.</summary>
    private volatile bool _sweptAlone;

    public RunCheckpoint Capture(long sweeps) => ChainCheckpoints.Capture(_plan, sweeps, _states, _rngs, _marginalMove);

    public void Restore(RunCheckpoint checkpoint) => ChainCheckpoints.Restore(checkpoint, _plan, _states, _rngs, _marginalMove);

    public bool SweepsChainsAlone => _engine is IChainwiseEngine;

    /// <summary>
    /// Sweep <paramref name="sweep"/> of one chain, as <see cref="Sweep"/> does it for all: ν's move (its likelihood pass, the
    /// decision), the latent pass, the host draws, with the chain's own random stream in the same order. Its host time is not
    /// counted apart (<see cref="HostScalarTime"/> then covers only sweeps of all chains at once).
    /// </summary>
    public ChainState SweepChain(int slot, long sweep, ChainState state)
    {
        _sweptAlone = true;
        var engine = (IChainwiseEngine)_engine;
        var rng = _rngs[slot];
        if (_marginalMove is not null)
        {
            state = _marginalMove.Propose(rng, slot, sweep, state);
            var likelihoods = engine.ChainSums(SweepParameters.NuLikelihoodPass, (uint)sweep, slot, state);
            state = _marginalMove.Decide(rng, slot, sweep, state, likelihoods);
        }
        var sums = engine.ChainSums(SweepParameters.LatentPass, (uint)sweep, slot, state);
        return ScalarUpdates.Draw(rng, sums, _n[slot], state, _nuUpdate);
    }

    public void Sweep(long sweep)
    {
        if (_marginalMove is not null)
        {
            // ν's marginal move first (its own pass over the data), then the latent pass with the ν it leaves. Its two
            // passes per sweep are not pipelined across halves (left for the GPU work: they would need four stages).
            _sweep = sweep;
            ForChains(0, _states.Length, _proposeChains);
            _engine.ComputeNuLikelihoods((uint)sweep, _states, _sums);
            ForChains(0, _states.Length, _decideChains);
        }
        else if (_engine is IOverlappingSweepEngine { Overlapping: true } overlapping)
        {
            PipelinedSweep(overlapping, sweep);
            return;
        }
        _engine.ComputeSums((uint)sweep, _states, _sums);
        DrawScalars(0, _states.Length);
    }

    /// <summary>
    /// Half 0 and half 1 alternate: while the device sweeps one half, the host draws the other's scalars.
    /// Every chain still sees exactly its own (seed, chain, sweep) draws, so the results equal the
    /// unpipelined ones; only the waiting changes. Half 0 of the next sweep is queued before returning.
    /// </summary>
    private void PipelinedSweep(IOverlappingSweepEngine engine, long sweep)
    {
        var (start0, count0) = engine.Half(0);
        var (start1, count1) = engine.Half(1);
        if (!_firstHalfLaunched) engine.Launch(0, (uint)sweep, _states.AsSpan(start0, count0));
        engine.Launch(1, (uint)sweep, _states.AsSpan(start1, count1));
        engine.Collect(0, _sums.AsSpan(start0, count0));
        DrawScalars(start0, count0); // device busy with half 1
        _firstHalfLaunched = sweep + 1 < _totalSweeps;
        if (_firstHalfLaunched) engine.Launch(0, (uint)(sweep + 1), _states.AsSpan(start0, count0));
        engine.Collect(1, _sums.AsSpan(start1, count1));
        DrawScalars(start1, count1); // device busy with half 0 of the next sweep
    }

    private void DrawScalars(int start, int count) => ForChains(start, count, _drawChains);

    /// <summary>Runs a per-chain host step for chains start .. start+count−1, in parallel when chains are many; its time counts as host time.</summary>
    private void ForChains(int start, int count, ChunkedParallelFor step)
    {
        long began = Stopwatch.GetTimestamp();
        step.Run(start, count);
        _hostTicks += Stopwatch.GetTimestamp() - began;
    }

    public void Dispose() => _engine.Dispose();
}

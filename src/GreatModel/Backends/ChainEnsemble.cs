using System.Diagnostics;
using System.Numerics;
using System.Runtime.ExceptionServices;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Sampling;

namespace GreatModel.Backends;

/// <summary>
/// The Gibbs sweep of every kernel backend: the engine does the per-datum work for all chains (MODEL.md
/// steps 1–2), then the host draws alpha2 → mu → tau2 per chain (steps 3–5, <see cref="ConditionalDraws"/>: eight chains side
/// by side, in parallel when chains are many), then ν when it is estimated (step 5b, each chain's own host stream). Owns the engine. With a native engine (<see cref="IChainwiseEngine"/>) it can
/// also sweep one chain alone, so that small runs carry each chain through many sweeps on one thread (<see cref="ChainBlocks"/>).
/// </summary>
internal sealed class ChainEnsemble : IChainwiseSweeper
{
    /// <summary>Below this many chains the host draws run on one thread (forking costs more).</summary>
    private const int ParallelHostDrawThreshold = 64;

    /// <summary>Chains a block of the host draws takes: one per vector lane.</summary>
    private const int BlockWidth = VectorHostConditionals.Width;

    private readonly ISweepEngine _engine;
    private readonly ChainState[] _states;
    private readonly PhiloxRandomSource[] _rngs;
    private readonly SweepSums[] _sums;
    private readonly ConditionalDraws _conditionals;

    /// <summary>The slots the current <see cref="DrawScalars"/> call covers (its blocks of eight count from the first).</summary>
    private int _drawStart, _drawEnd;
    private readonly ChunkedParallelFor _drawBlocks, _proposeChains, _decideChains;
    private readonly NuMarginalMove? _marginalMove;
    private long _sweep;
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
        _nuUpdate = plan.NuUpdate;
        _totalSweeps = plan.TotalSweeps;
        _rngs = Enumerable.Range(0, plan.Slots).Select(s => plan.RandomSourceOf(s, RandomStream.HostScalars)).ToArray();
        _sums = new SweepSums[plan.Slots];
        int threads = plan.Slots >= ParallelHostDrawThreshold ? plan.Threads : 1;
        _conditionals = new ConditionalDraws(plan);
        _drawBlocks = new(threads, DrawBlock);
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

    public ChainState SweepChain(int slot, long sweep, ChainState state)
    {
        Span<ChainState> states = [state];
        Span<Exception?> errors = [null];
        SweepChains(slot, sweep, states, errors);
        if (errors[0] is { } error) ExceptionDispatchInfo.Throw(error);
        return states[0];
    }

    public int ChainsPerCall => BlockWidth;

    /// <summary>
    /// Sweep <paramref name="sweep"/> of a few chains alone, as <see cref="Sweep"/> does it for all: per chain ν's move (its
    /// likelihood pass, the decision) and the latent pass, then α², μ, τ² of all of them side by side, then per chain ν's draw and
    /// the rescale, each chain with its own random streams in the same order. Their host time is not counted apart
    /// (<see cref="HostScalarTime"/> then covers only sweeps of all chains at once).
    /// </summary>
    public void SweepChains(int first, long sweep, Span<ChainState> states, Span<Exception?> errors)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(states.Length, BlockWidth); // outside the per-chain catches below
        _sweptAlone = true;
        var engine = (IChainwiseEngine)_engine;
        int count = states.Length;
        Span<SweepSums> sums = stackalloc SweepSums[count];
        Span<ChainState> before = stackalloc ChainState[count]; // a chain whose sweep throws keeps the state it started from
        states.CopyTo(before);
        uint drawn = 0;
        for (int k = 0; k < count; k++)
        {
            errors[k] = null;
            try
            {
                var state = states[k];
                if (_marginalMove is not null)
                {
                    state = _marginalMove.Propose(_rngs[first + k], first + k, sweep, state);
                    var likelihoods = engine.ChainSums(SweepParameters.NuLikelihoodPass, (uint)sweep, first + k, state);
                    state = _marginalMove.Decide(_rngs[first + k], first + k, sweep, state, likelihoods);
                }
                sums[k] = engine.ChainSums(SweepParameters.LatentPass, (uint)sweep, first + k, state);
                states[k] = state;
                drawn |= 1u << k;
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        }
        Span<double> mu = stackalloc double[count], alpha2 = stackalloc double[count], tau2 = stackalloc double[count];
        try
        {
            _conditionals.DrawBlock(first, drawn, sweep, sums, states, mu, alpha2, tau2);
        }
        catch (Exception)
        {
            // A chain's draw by the specification threw (a ν no gamma shape takes): each chain alone, to tell which.
            for (uint left = drawn; left != 0; left &= left - 1)
            {
                int k = BitOperations.TrailingZeroCount(left);
                try
                {
                    (mu[k], alpha2[k], tau2[k]) = _conditionals.DrawOne(first + k, sweep, sums[k], states[k].Nu);
                }
                catch (Exception e)
                {
                    (errors[k], states[k]) = (e, before[k]);
                    drawn &= ~(1u << k);
                }
            }
        }
        for (; drawn != 0; drawn &= drawn - 1)
        {
            int k = BitOperations.TrailingZeroCount(drawn);
            try
            {
                states[k] = ScalarUpdates.Finish(_rngs[first + k], sums[k], _conditionals.N(first + k), states[k], _nuUpdate, (mu[k], alpha2[k], tau2[k]));
            }
            catch (Exception e)
            {
                (errors[k], states[k]) = (e, before[k]);
            }
        }
    }

    public void Sweep(long sweep)
    {
        _sweep = sweep;
        if (_marginalMove is not null)
        {
            // ν's marginal move first (its own pass over the data), then the latent pass with the ν it leaves. Its two
            // passes per sweep are not pipelined across halves (left for the GPU work: they would need four stages).
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

    /// <summary>Steps 3–5b of slots start .. start+count−1 in this sweep (<see cref="_sweep"/>), in blocks of eight.</summary>
    private void DrawScalars(int start, int count)
    {
        _drawStart = start;
        _drawEnd = start + count;
        ForChains(0, (count + BlockWidth - 1) / BlockWidth, _drawBlocks);
    }

    /// <summary>Block <paramref name="block"/> of the current <see cref="DrawScalars"/> range: α², μ, τ² for its chains, then each chain's ν and rescale.</summary>
    private void DrawBlock(int block)
    {
        int first = _drawStart + (block * BlockWidth), count = Math.Min(BlockWidth, _drawEnd - first);
        Span<double> mu = stackalloc double[count], alpha2 = stackalloc double[count], tau2 = stackalloc double[count];
        _conditionals.DrawBlock(first, (1u << count) - 1, _sweep, _sums.AsSpan(first, count), _states.AsSpan(first, count), mu, alpha2, tau2);
        for (int k = 0; k < count; k++)
            _states[first + k] = ScalarUpdates.Finish(_rngs[first + k], _sums[first + k], _conditionals.N(first + k), _states[first + k], _nuUpdate, (mu[k], alpha2[k], tau2[k]));
    }

    /// <summary>Runs a per-chain host step for chains start .. start+count−1, in parallel when chains are many; its time counts as host time.</summary>
    private void ForChains(int start, int count, ChunkedParallelFor step)
    {
        long began = Stopwatch.GetTimestamp();
        step.Run(start, count);
        _hostTicks += Stopwatch.GetTimestamp() - began;
    }

    public void Dispose() => _engine.Dispose();
}

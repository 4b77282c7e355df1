using System.Runtime.ExceptionServices;
using GreatModel.Kernels;

namespace GreatModel.Sampling;

/// <summary>
/// Blocks of sweeps in which each thread carries its chains alone (<see cref="IChainwiseSweeper"/>): the threads meet once a
/// block, where a sweep of all chains at once meets them two to four times a sweep (the engine's pass over the data, the host
/// draws, ν's move). At n = 500 × 4 chains a sweep's data take a few microseconds, and each meeting costs about as much. The
/// states after every sweep of the block are kept, so the run loop records, checks and reports each sweep as before; the draws
/// are the same bit for bit, because a chain's sweep depends only on (seed, chain, sweep, data) and its own state.
/// </summary>
internal sealed class ChainBlocks
{
    /// <summary>Datum-updates over all chains per sweep up to which the chains are carried alone (2 ms or less a sweep on two cores).</summary>
    private const long SmallSweepWork = 1 << 16;

    /// <summary>Slots per thread from which chains are carried alone whatever the data: many small groups fill the threads by themselves.</summary>
    private const int ManySlotsPerThread = 64;

    /// <summary>Datum-updates over all chains per block: a block of a few milliseconds, so cancellation and progress stay prompt.</summary>
    private const long BlockWork = 1 << 18;

    /// <summary>States held per block at most (sweeps × slots, about 100 bytes each).</summary>
    private const int MaxHeldStates = 1 << 14;

    private readonly IChainwiseSweeper _sweeper;
    private readonly ChainState[][] _after;
    private readonly ChunkedParallelFor _carry;
    private readonly (int Sweep, ExceptionDispatchInfo Error)?[] _failures;
    private readonly Func<int, ChainState, bool> _isDraw;
    private long _first;
    private int _count;

    /// <param name="sweeper">The chains' sweeper (<see cref="IChainwiseSweeper.SweepsChainsAlone"/>).</param>
    /// <param name="slots">Its chains (<see cref="IGibbsSweeper.States"/>' length). Range: ≥ 1.</param>
    /// <param name="sweepsPerBlock">Sweeps a block holds at most. Range: ≥ 1.</param>
    /// <param name="threads">Threads the chains are spread over. Range: ≥ 1.</param>
    /// <param name="isDraw">
    /// Whether a slot's state is a draw the run records (the run loop's own test, <see cref="SweepDriver.IsValid"/>, so a chain is
    /// carried on exactly as long as the loop would take its draws); null: μ and α²τ² finite, α²τ² and ν positive.
    /// </param>
    public ChainBlocks(IChainwiseSweeper sweeper, int slots, int sweepsPerBlock, int threads, Func<int, ChainState, bool>? isDraw = null)
    {
        _sweeper = sweeper;
        _isDraw = isDraw ?? ((_, s) => IsDraw(s));
        _after = [.. Enumerable.Range(0, sweepsPerBlock).Select(_ => new ChainState[slots])];
        _failures = new (int, ExceptionDispatchInfo)?[slots];
        // Slots a thread sweeps side by side: the sweeper's width, but no wider than leaves every thread a group of its own.
        _width = Math.Clamp(slots / Math.Max(1, threads), 1, sweeper.ChainsPerCall);
        int groups = (slots + _width - 1) / _width;
        _errors = new Exception?[slots];
        _carry = new ChunkedParallelFor(Math.Min(threads, groups), Carry);
        _groups = groups;
    }

    /// <summary>Slots swept side by side (<see cref="IChainwiseSweeper.ChainsPerCall"/>, fewer where threads would idle).</summary>
    private readonly int _width;

    /// <summary>Groups of slots (of <see cref="_width"/>, the last perhaps fewer).</summary>
    private readonly int _groups;

    /// <summary>Each slot's exception in its group's current sweep (made once, reused every sweep).</summary>
    private readonly Exception?[] _errors;

    /// <summary>The blocks for <paramref name="sweeper"/>, or null where a sweep of all chains at once is better (or the only way).</summary>
    public static ChainBlocks? For(RunPlan plan, IGibbsSweeper sweeper)
    {
        if (sweeper is not IChainwiseSweeper { SweepsChainsAlone: true } chainwise) return null;
        long work = Math.Max(1, (long)plan.N * plan.Chains);
        // Fewer chains than threads leave threads idle that the engine's tiles would fill, unless a sweep is too small to share.
        bool small = work <= SmallSweepWork, many = plan.Slots >= ManySlotsPerThread * plan.Threads;
        if (!small && !(many || plan.Slots >= plan.Threads && plan.Slots % plan.Threads == 0 && work / plan.Slots <= SmallSweepWork)) return null;
        int sweeps = (int)Math.Clamp(BlockWork / work, 1, Math.Max(1, MaxHeldStates / plan.Slots));
        if (plan.Hooks.MaxSweepsPerBlock is { } most) sweeps = Math.Min(sweeps, most);
        return new ChainBlocks(chainwise, plan.Slots, sweeps, plan.Threads, (slot, state) => SweepDriver.IsValid(plan, plan.ToDraw(slot, state)));
    }

    /// <summary>Sweeps a block holds at most.</summary>
    public int SweepsPerBlock => _after.Length;

    /// <summary>
    /// Runs sweeps <paramref name="first"/> .. + <paramref name="count"/> − 1 of every chain, each thread carrying its chains
    /// through all of them; the sweeper's <see cref="IGibbsSweeper.States"/> are then those after the last.
    /// </summary>
    /// <param name="first">The first sweep (0-based).</param>
    /// <param name="count">Sweeps. Range: 1 .. <see cref="SweepsPerBlock"/>.</param>
    public void Run(long first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SweepsPerBlock);
        (_first, _count) = (first, count);
        Array.Clear(_failures);
        _carry.Run(0, _groups);
    }

    /// <summary>Every chain's state after sweep <paramref name="sweep"/> − first of the last block (slot order).</summary>
    public ChainState[] StatesAfter(int sweep) => _after[sweep];

    /// <summary>Rethrows the error a chain's sweep <paramref name="sweep"/> − first of the last block raised (the lowest slot's), if one did.</summary>
    public void ThrowIfFailedAt(int sweep)
    {
        foreach (var failure in _failures)
            if (failure is { } f && f.Sweep == sweep) f.Error.Throw();
    }

    /// <summary>
    /// One group of slots (<see cref="_width"/> of them, side by side) through the block. Once a slot's state is no longer a draw
    /// (NaN, a zero or infinite scale) or its sweep threw, the group is carried no further: a slot's sweeps could loop or fail on
    /// such a state, and the run loop stops at that sweep anyway, so the sweeps after it are never read (each slot's last state
    /// is repeated to the block's end).
    /// </summary>
    private void Carry(int group)
    {
        int first = group * _width, count = Math.Min(_width, _errors.Length - first);
        Span<ChainState> states = stackalloc ChainState[count];
        _sweeper.States.AsSpan(first, count).CopyTo(states);
        var errors = _errors.AsSpan(first, count);
        int j = 0;
        for (; j < _count; j++)
        {
            _sweeper.SweepChains(first, _first + j, states, errors);
            bool stop = false;
            for (int k = 0; k < count; k++)
            {
                _after[j][first + k] = states[k];
                if (errors[k] is { } error)
                {
                    _failures[first + k] = (j, ExceptionDispatchInfo.Capture(error));
                    stop = true;
                }
                else if (!_isDraw(first + k, states[k]))
                {
                    stop = true;
                }
            }
            if (stop) break;
        }
        for (int k = j + 1; k < _count; k++) states.CopyTo(_after[k].AsSpan(first, count));
        states.CopyTo(_sweeper.States.AsSpan(first, count));
    }

    private static bool IsDraw(ChainState s) =>
        double.IsFinite(s.Mu) && double.IsFinite(s.Alpha2 * s.Tau2) && s.Alpha2 * s.Tau2 > 0 && s.Nu > 0;
}

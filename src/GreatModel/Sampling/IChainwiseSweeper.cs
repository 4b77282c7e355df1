using GreatModel.Kernels;

namespace GreatModel.Sampling;

/// <summary>
/// A sweeper whose chains can each be carried through sweeps alone: no pass shared by all chains (a device launch) stands
/// between one chain's sweeps. The run loop then hands each thread its chains for a block of many sweeps
/// (<see cref="ChainBlocks"/>), so the threads meet once a block instead of two to four times a sweep: at small n that
/// meeting, not the data, was most of a sweep's cost. A chain's sweep reads only (seed, chain, sweep, data) and its own state,
/// so the draws are those of <see cref="IGibbsSweeper.Sweep"/>, bit for bit.
/// </summary>
internal interface IChainwiseSweeper : IGibbsSweeper
{
    /// <summary>Whether <see cref="SweepChain"/> may be used (a kernel backend's sweeper can only when its engine runs on the host's threads).</summary>
    bool SweepsChainsAlone { get; }

    /// <summary>
    /// Sweep number <paramref name="sweep"/> of slot <paramref name="slot"/> alone, from <paramref name="state"/>: the slot's state
    /// after it. Safe to call from several threads at once for different slots; each slot's sweeps are called in order.
    /// <see cref="IGibbsSweeper.States"/> is not read or written (the caller stores the state it carries when it is done).
    /// </summary>
    /// <param name="slot">The slot (group-major chain). Range: 0 .. slots − 1.</param>
    /// <param name="sweep">The sweep (0-based, consecutive per slot).</param>
    /// <param name="state">The slot's state after the sweep before.</param>
    ChainState SweepChain(int slot, long sweep, ChainState state);
}

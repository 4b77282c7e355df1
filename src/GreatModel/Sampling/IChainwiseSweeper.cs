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

    /// <summary>
    /// Slots <see cref="SweepChains"/> takes at once, at most: more than one where the sweeper draws several chains side by side
    /// (the kernel backends' host draws, eight vector lanes). Range: ≥ 1.
    /// </summary>
    int ChainsPerCall => 1;

    /// <summary>
    /// Sweep <paramref name="sweep"/> of slots <paramref name="first"/> .. first + count − 1 (count = <paramref name="states"/>.Length,
    /// at most <see cref="ChainsPerCall"/>), each from its state in <paramref name="states"/>, which the states after it replace:
    /// every slot exactly as <see cref="SweepChain"/> sweeps it. A slot whose sweep throws keeps its state and gets the exception in
    /// <paramref name="errors"/> (the others are swept all the same); null for the others.
    /// </summary>
    /// <param name="first">The first slot. Range: 0 .. slots − count.</param>
    /// <param name="sweep">The sweep (0-based, consecutive per slot).</param>
    /// <param name="states">The slots' states after the sweep before; on return, after this one.</param>
    /// <param name="errors">Out: each slot's exception, or null. Length: as <paramref name="states"/>.</param>
    void SweepChains(int first, long sweep, Span<ChainState> states, Span<Exception?> errors)
    {
        for (int k = 0; k < states.Length; k++)
        {
            errors[k] = null;
            try
            {
                states[k] = SweepChain(first + k, sweep, states[k]);
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        }
    }
}

using GreatModel.Kernels;

namespace GreatModel.Backends;

/// <summary>
/// The per-datum half of a sweep (MODEL.md steps 1–2) for all chains at once. Implementations differ in
/// where the kernel code runs; all share the kernels' fixed reduction layout, so a chain's sums depend
/// only on (seed, chain, sweep, data).
/// </summary>
internal interface ISweepEngine : IDisposable
{
    /// <summary>What runs, in words (backend and device).</summary>
    string Description { get; }

    /// <summary>Fills <paramref name="sums"/>[c] for every chain c from its current state.</summary>
    void ComputeSums(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums);
}

/// <summary>
/// An engine that can work on two halves of the chains independently and asynchronously, so the host
/// draws one half's scalars while the device sweeps the other (<see cref="ChainEnsemble"/> pipelines them).
/// </summary>
internal interface IOverlappingSweepEngine : ISweepEngine
{
    /// <summary>Whether the halves should be pipelined (false: one half holds every chain).</summary>
    bool Overlapping { get; }

    /// <summary>The chains [Start, Start + Count) of half 0 or 1.</summary>
    (int Start, int Count) Half(int half);

    /// <summary>Queues the sweep of one half from its states and returns at once.</summary>
    void Launch(int half, uint sweep, ReadOnlySpan<ChainState> halfStates);

    /// <summary>Waits for that half's queued sweep and fills its sums.</summary>
    void Collect(int half, Span<SweepSums> halfSums);
}

using GreatModel.Kernels;

namespace GreatModel.Backends;

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

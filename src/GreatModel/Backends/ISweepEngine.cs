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

    /// <summary>
    /// The ν likelihood pass (<see cref="SweepParameters.NuLikelihoodPass"/>) of every chain: <paramref name="sums"/>[c] gets
    /// (Σ log(1 + (x−μ)²/(ν·σ²)), Σ log(1 + (x−μ′)²/(ν′·σ′²)), 0, 0) for its (μ, ν, σ²) and its proposal (<see cref="ChainState.ProposedMu"/>, <see cref="ChainState.ProposedNu"/>, <see cref="ChainState.ProposedSigma2"/>). No draws.
    /// </summary>
    void ComputeNuLikelihoods(uint sweep, ReadOnlySpan<ChainState> states, Span<SweepSums> sums);
}

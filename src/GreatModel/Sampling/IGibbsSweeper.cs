using GreatModel.Kernels;

namespace GreatModel.Sampling;

/// <summary>
/// One backend's whole Gibbs sweep of every chain (MODEL.md steps 1–5). The run loop
/// (<see cref="SweepDriver"/>) sees only this; the registry's factories make one from a <see cref="RunPlan"/>.
/// </summary>
internal interface IGibbsSweeper : IDisposable
{
    /// <summary>What runs, in words (backend and device).</summary>
    string Description { get; }

    /// <summary>The chains' current states, chain 0 first; updated in place by <see cref="Sweep"/>.</summary>
    ChainState[] States { get; }

    /// <summary>Of the sampling time, the time the host spent drawing the per-chain scalars; null when not separable.</summary>
    TimeSpan? HostScalarTime { get; }

    /// <summary>ν's marginal move after burn-in, over all chains: proposals accepted and made; null when ν is fixed or the move is off.</summary>
    (long Accepted, long Proposed)? NuMoveAfterBurnIn { get; }

    /// <summary>Everything the sweeper keeps between sweeps, after <paramref name="sweeps"/> completed sweeps (at a sweep boundary only).</summary>
    RunCheckpoint Capture(long sweeps);

    /// <summary>Takes the sweeper to <paramref name="checkpoint"/>'s state (validated by the caller), before its first sweep.</summary>
    void Restore(RunCheckpoint checkpoint);

    /// <summary>Runs sweep number <paramref name="sweep"/> (0-based, consecutive) of every chain.</summary>
    void Sweep(long sweep);
}

namespace GreatModel.Sampling;

/// <summary>
/// A run's state at a sweep boundary (<see cref="RunHooks.Checkpoint"/> receives it; <see cref="RunHooks.ResumeFrom"/> starts a
/// run from it): how many sweeps every chain has completed and each chain's <see cref="ChainCheckpoint"/>. A run's draws
/// are a function of (seed, chain, sweep, data), so a run of the same data, seed, backend and settings resumed from a
/// checkpoint continues exactly as the uninterrupted run, bit for bit; it may also ask for more samples than the first
/// run did (the burn-in and thinning must stay).
/// </summary>
public sealed record RunCheckpoint
{
    /// <summary>The backend that ran (never <see cref="GreatModel.Backend.Auto"/>): a resumed run must use it, as draws differ between backends.</summary>
    public required Backend Backend { get; init; }

    /// <summary>The run's seed: a resumed run must have it.</summary>
    public required ulong Seed { get; init; }

    /// <summary>
    /// The record of the run that made it (<see cref="RunRecord"/>): a run resumed from the checkpoint must agree with it in
    /// every entry but the samples asked for (so a finished run can be extended), its data's source and its ESS target.
    /// </summary>
    public required RunRecord Run { get; init; }

    /// <summary>Sweeps every chain has completed, burn-in included. Range: 0 .. the run's total sweeps.</summary>
    public required long Sweeps { get; init; }

    /// <summary>Draws per chain recorded in those sweeps. Range: 0 .. samples.</summary>
    public required int DrawsPerChain { get; init; }

    /// <summary>Each chain's state, in the run's slot order (group-major, then chain). Count: groups × chains.</summary>
    public required IReadOnlyList<ChainCheckpoint> Chains { get; init; }
}

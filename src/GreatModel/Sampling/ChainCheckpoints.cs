using GreatModel.Backends;
using GreatModel.Kernels;
using GreatModel.Model;
using GreatModel.Random;

namespace GreatModel.Sampling;

/// <summary>
/// Captures and restores what a sweeper keeps between sweeps, the same for every sweeper: each chain's state, its host
/// stream's position and ν's marginal-move adaptation. (Per-datum draws keep nothing: they are keyed by the sweep.)
/// </summary>
internal static class ChainCheckpoints
{
    /// <summary>What a resumed run may change: the samples asked for (a finished run extends), where the data came from (the hash decides).</summary>
    private static readonly string[] ResumableEntries = ["samples", "data_source", "target_ess"];

    public static RunCheckpoint Capture(RunPlan plan, long sweeps, ChainState[] states, PhiloxRandomSource[] rngs, NuMarginalMove? move) => new()
    {
        Backend = plan.Backend.Id,
        Seed = plan.Seed,
        Run = plan.Record,
        Sweeps = sweeps,
        DrawsPerChain = plan.DrawsBefore(sweeps),
        Chains = [.. states.Select((s, c) =>
        {
            var m = move?.StateOf(c);
            return new ChainCheckpoint
            {
                Mu = s.Mu,
                Alpha2 = s.Alpha2,
                Tau2 = s.Tau2,
                Nu = s.Nu,
                HostUniforms = rngs[c].Position,
                NuLogStep = m?.LogStep ?? 0,
                NuAccepted = m?.Accepted ?? 0,
                NuAcceptedAfterBurnIn = m?.AcceptedAfterBurnIn ?? 0,
                NuProposedAfterBurnIn = m?.ProposedAfterBurnIn ?? 0,
                NuRidgeMoments = m is { Moments.Count: > 0 } ? m.Value.Moments.ToArray() : null, // a copy: the move goes on adding
                NuRidgeProposal = m?.Proposal?.ToArray(),
            };
        })],
    };

    /// <summary>Sets <paramref name="states"/>, <paramref name="rngs"/> and <paramref name="move"/> to <paramref name="checkpoint"/>'s (validated by <see cref="Check"/>).</summary>
    public static void Restore(RunCheckpoint checkpoint, RunPlan plan, ChainState[] states, PhiloxRandomSource[] rngs, NuMarginalMove? move)
    {
        for (int c = 0; c < states.Length; c++)
        {
            var k = checkpoint.Chains[c];
            // A fixed ν keeps the plan's χ² shape (perhaps the loop-free one); an estimated one is drawn as after every ν move.
            var chi2 = plan.EstimatesNu ? ChiSquaredShape.ForVarying(k.Nu) : states[c].Chi2;
            states[c] = new ChainState(k.Mu, k.Alpha2, k.Tau2, k.Nu, chi2);
            rngs[c].Seek(k.HostUniforms);
            move?.Restore(c, new(k.NuLogStep, k.NuAccepted, k.NuAcceptedAfterBurnIn, k.NuProposedAfterBurnIn,
                RidgeMoments.FromArray(k.NuRidgeMoments) ?? new RidgeMoments(), RidgeProposal.FromArray(k.NuRidgeProposal)));
        }
    }

    /// <summary>Refuses a checkpoint that is not of a run shaped as <paramref name="plan"/>, or whose states are not valid draws.</summary>
    /// <exception cref="OptionOutOfRangeException">Named <see cref="RunHooks.ResumeFrom"/>, with the reason.</exception>
    public static void Check(RunCheckpoint checkpoint, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        const string name = nameof(RunHooks.ResumeFrom);
        if (checkpoint.Backend != plan.Backend.Id)
            throw new OptionOutOfRangeException(name, checkpoint.Backend, $"was made by backend {BackendRegistry.NameOf(checkpoint.Backend)}; this run's is {plan.Backend.Name}, whose draws differ");
        if (checkpoint.Seed != plan.Seed)
            throw new OptionOutOfRangeException(name, checkpoint.Seed, $"was made with seed {checkpoint.Seed}; this run's is {plan.Seed}");
        if (checkpoint.Chains is null || checkpoint.Chains.Count != plan.Slots)
            throw new OptionOutOfRangeException(name, checkpoint.Chains?.Count, $"holds {checkpoint.Chains?.Count ?? 0} chains; this run has {plan.Slots}");
        if (checkpoint.Sweeps < 0 || checkpoint.Sweeps > plan.TotalSweeps)
            throw new OptionOutOfRangeException(name, checkpoint.Sweeps, $"is at sweep {checkpoint.Sweeps}, outside this run's 0 .. {plan.TotalSweeps}");
        if (checkpoint.Run is null)
            throw new OptionOutOfRangeException(name, null, "carries no record of the run that made it");
        if (checkpoint.Run.FirstDifference(plan.Record, ResumableEntries) is var (key, made, resumed))
            throw new OptionOutOfRangeException(name, made, $"was made by another run: its {RunRecord.Describe(key, made)}, this run's {RunRecord.Describe(key, resumed)}");
        if (checkpoint.DrawsPerChain != plan.DrawsBefore(checkpoint.Sweeps))
            throw new OptionOutOfRangeException(name, checkpoint.DrawsPerChain, $"says {checkpoint.DrawsPerChain} draws per chain at sweep {checkpoint.Sweeps}; this run records {plan.DrawsBefore(checkpoint.Sweeps)} there");
        for (int c = 0; c < checkpoint.Chains.Count; c++)
        {
            var k = checkpoint.Chains[c];
            bool valid = double.IsFinite(k.Mu) && double.IsFinite(k.Alpha2) && k.Alpha2 > 0 && double.IsFinite(k.Tau2) && k.Tau2 > 0
                && k.HostUniforms >= 0 && double.IsFinite(k.NuLogStep) && k.NuAccepted >= 0 && k.NuProposedAfterBurnIn >= 0
                && k.NuAcceptedAfterBurnIn is >= 0 && k.NuAcceptedAfterBurnIn <= k.NuProposedAfterBurnIn
                && (k.NuRidgeMoments is null || RidgeMoments.FromArray(k.NuRidgeMoments) is not null)
                && (k.NuRidgeProposal is null || RidgeProposal.FromArray(k.NuRidgeProposal) is not null)
                && (plan.EstimatesNu ? k.Nu >= plan.Options.NuMin && k.Nu <= plan.Options.NuMax : k.Nu == plan.Options.Nu);
            if (!valid)
                throw new OptionOutOfRangeException(name, c, $"chain {plan.ChainOf(c)}{(plan.IsGrouped ? $" of group '{plan.GroupOf(c).Label}'" : "")}: its state is not a valid one of this run (mu {k.Mu}, alpha2 {k.Alpha2}, tau2 {k.Tau2}, nu {k.Nu})");
        }
    }
}

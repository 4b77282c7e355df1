using GreatModel.Sampling;

namespace GreatModel;

/// <summary>
/// The result of a fit: draws per chain of mu, sigma2 (= alpha2·tau2), alpha2 and tau2 (and nu when estimated), and how the
/// run went; in a grouped run, one group's (<see cref="GroupedPosterior.Groups"/>), its timings the whole run's. Immutable.
/// </summary>
public sealed class Posterior
{
    private readonly Lazy<RunRecord> _record;

    internal Posterior(RunPlan plan, int group, Lazy<RunRecord> record, string backendDescription, DrawCollector draws, long sweepsRun, TimeSpan elapsed, TimeSpan? hostScalarTime)
    {
        _record = record;
        var planned = plan.Groups[group];
        Group = planned.Label;
        Options = plan.Options;
        Seed = plan.Seed;
        Backend = plan.Backend.Id;
        BackendDescription = backendDescription;
        BackendReason = plan.BackendReason;
        DataCount = planned.N;
        DataSource = planned.Data.Source;
        HasDraws = draws.Keeps;
        DrawsPerChain = draws.DrawsPerChain;
        var parameters = draws.Parameters(group);
        (Mu, Sigma2, Alpha2, Tau2) = (parameters[0], parameters[1], parameters[2], parameters[3]);
        Nu = draws.Nu(group);
        SweepsRun = sweepsRun;
        Elapsed = elapsed;
        HostScalarTime = hostScalarTime;
    }

    /// <summary>The group's label in a grouped run (<see cref="Sampler.Run(Model.GroupedData, SamplerOptions, Sampling.RunHooks, CancellationToken)"/>); null otherwise.</summary>
    public string? Group { get; }

    /// <summary>Whether the draws are held here (false when the run streamed them to sinks only).</summary>
    public bool HasDraws { get; }

    /// <summary>
    /// The run's record: every option that shaped the draws, the seed, the backend, the data's SHA-256 and the version (of the
    /// whole run in a grouped one). Made when first asked for: hashing the data reads every value.
    /// </summary>
    public RunRecord Record => _record.Value;

    /// <summary>The options as run, with the seed filled in.</summary>
    public SamplerOptions Options { get; }

    /// <summary>The seed the run used (given, or drawn fresh).</summary>
    public ulong Seed { get; }

    /// <summary>The backend that ran: <see cref="GreatModel.Backend.Auto"/> resolved to the one it picked.</summary>
    public Backend Backend { get; }

    /// <summary>The backend that ran, in words (e.g. "cuda: NVIDIA H100 80GB HBM3").</summary>
    public string BackendDescription { get; }

    /// <summary>Why <see cref="Backend.Auto"/> picked <see cref="Backend"/> (e.g. "auto: no usable cuda or opencl device"); null when the backend was named.</summary>
    public string? BackendReason { get; }

    /// <summary>Where the observations came from, as <see cref="Model.ObservedData.Source"/> names it (a file, or "built-in example").</summary>
    public string DataSource { get; }

    /// <summary>When the sampling started (UTC), after set-up.</summary>
    public DateTime StartedUtc { get; init; }

    /// <summary>Of <see cref="Elapsed"/>, the burn-in sweeps' wall time (all of it when the run stopped within them). Range: ≤ Elapsed.</summary>
    public TimeSpan BurnInElapsed { get; init; }

    /// <summary>Observations n (of the group, in a grouped run).</summary>
    public int DataCount { get; }

    /// <summary>Draws of μ.</summary>
    public ParameterDraws Mu { get; }

    /// <summary>Draws of σ² = α²·τ².</summary>
    public ParameterDraws Sigma2 { get; }

    /// <summary>Draws of the working scale α² (not identified on its own).</summary>
    public ParameterDraws Alpha2 { get; }

    /// <summary>Draws of the working scale τ² (not identified on its own).</summary>
    public ParameterDraws Tau2 { get; }

    /// <summary>Draws of ν when it was estimated (<see cref="SamplerOptions.EstimateNu"/>); null when it was fixed.</summary>
    public ParameterDraws? Nu { get; }

    /// <summary>
    /// With ν estimated and its marginal move on: the share of the move's proposals accepted after burn-in, over all chains
    /// (its step adapts towards 0.44 during burn-in); null otherwise. Range: 0 to 1.
    /// </summary>
    public double? NuMoveAcceptance { get; init; }

    /// <summary>Wall time of the sampling itself (no data loading, set-up or output).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// Of <see cref="Elapsed"/>, the time the host spent drawing the per-chain scalars (alpha2, mu, tau2);
    /// where the engine overlaps them with device work (<see cref="RunHooks.OverlapHostDraws"/>),
    /// part of it is hidden. Null for the reference sampler, which does everything on the host.
    /// </summary>
    public TimeSpan? HostScalarTime { get; }

    /// <summary>The parameters of interest first: mu and sigma2 (and nu when estimated), then the two non-identified halves.</summary>
    public IReadOnlyList<ParameterDraws> Parameters => Nu is null ? [Mu, Sigma2, Alpha2, Tau2] : [Mu, Sigma2, Nu, Alpha2, Tau2];

    /// <summary>Sweeps completed per chain (all of them unless cancelled), a resumed run's earlier ones included.</summary>
    public long SweepsRun { get; }

    /// <summary>True when the run was stopped (cancellation) before all samples were drawn (a run that stopped at its ESS target was not).</summary>
    public bool Cancelled => TargetReached != true && DrawsPerChain < Options.Samples;

    /// <summary>
    /// For a run until enough (<see cref="SamplerOptions.TargetEss"/>): whether its last check found every parameter's bulk and
    /// tail ESS at the target and R̂ ≤ 1.01 (it then stopped there, <see cref="DrawsPerChain"/> draws per chain); false when it
    /// reached its cap, <see cref="SamplerOptions.Samples"/>, or was cancelled first. Null for a run of fixed length.
    /// </summary>
    public bool? TargetReached { get; init; }

    /// <summary>Draws recorded per chain over the whole run, a resumed run's earlier ones included (those of this call are held here when <see cref="HasDraws"/>).</summary>
    public int DrawsPerChain { get; }

    /// <summary>For a run resumed from a checkpoint (<see cref="RunHooks.ResumeFrom"/>): the sweeps completed before it; else 0.</summary>
    public long ResumedFromSweep { get; init; }

    /// <summary>For a resumed run: the draws per chain recorded before it (the held draws are those after); else 0.</summary>
    public int ResumedFromDraw { get; init; }

    /// <summary>Datum-updates per second of this call's sweeps: chains × n × sweeps / wall time (in a grouped run, of this group's data over the whole run's time: <see cref="GroupedPosterior.DatumUpdatesPerSecond"/> is the run's).</summary>
    public double DatumUpdatesPerSecond =>
        Options.Chains * (double)DataCount * (SweepsRun - ResumedFromSweep) / Elapsed.TotalSeconds;
}

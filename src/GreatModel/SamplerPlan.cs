using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel;

/// <summary>
/// A run planned and checked, not yet run (<see cref="Sampler.Plan(Model.ObservedData, SamplerOptions, RunHooks)"/>): the
/// options validated with every problem found at once, the seed drawn, the backend resolved (and why auto chose it), its
/// record, and the memory it will hold, checked against the machine's. <see cref="Run"/> (or <see cref="RunGroups"/> for a
/// grouped run) then runs it, once. A front end plans first to say what will run, or refuse it, before it opens any file.
/// </summary>
public sealed class SamplerPlan
{
    private readonly RunPlan _plan;
    private int _runs;

    internal SamplerPlan(RunPlan plan, ResourceEstimate resources)
    {
        _plan = plan;
        Resources = resources;
    }

    /// <summary>The options as they will run: validated, <see cref="SamplerOptions.Seed"/> filled in.</summary>
    public SamplerOptions Options => _plan.Options;

    /// <summary>The seed of every random stream (given, or drawn fresh when the plan was made).</summary>
    public ulong Seed => _plan.Seed;

    /// <summary>The backend that will run (never <see cref="GreatModel.Backend.Auto"/>).</summary>
    public Backend Backend => _plan.Backend.Id;

    /// <summary>Why <see cref="GreatModel.Backend.Auto"/> chose <see cref="Backend"/>; null when the backend was named.</summary>
    public string? BackendReason => _plan.BackendReason;

    /// <summary>Whether the run is over groups (<see cref="RunGroups"/>), or over one data set (<see cref="Run"/>).</summary>
    public bool IsGrouped => _plan.IsGrouped;

    /// <summary>The run's record: every draw-shaping option, the seed, the backend and the data's SHA-256 (hashed when first asked for).</summary>
    public RunRecord Record => _plan.Record;

    /// <summary>What the run will hold in host (and device) memory, from the same counts the run allocates; already checked against the machine's.</summary>
    public ResourceEstimate Resources { get; }

    /// <summary>Runs the plan of one data set. Cancellation stops it at the next sweep boundary (or block of sweeps) and returns every completed draw.</summary>
    /// <exception cref="InvalidOperationException">The plan is of a grouped run, or has run already.</exception>
    public Posterior Run(CancellationToken cancel = default)
    {
        if (IsGrouped) throw new InvalidOperationException("the plan is of a grouped run: RunGroups runs it");
        return Sample(cancel)[0];
    }

    /// <summary>Runs the plan of a grouped run: every group's posterior, in order.</summary>
    /// <exception cref="InvalidOperationException">The plan is of one data set, or has run already.</exception>
    public GroupedPosterior RunGroups(CancellationToken cancel = default)
    {
        if (!IsGrouped) throw new InvalidOperationException("the plan is of one data set: Run runs it");
        return new GroupedPosterior(Sample(cancel), _plan.N, _plan.DataSource);
    }

    private Posterior[] Sample(CancellationToken cancel)
    {
        // The hooks' sinks and checkpoints belong to one run: a second would write over the first's files.
        if (Interlocked.Increment(ref _runs) != 1) throw new InvalidOperationException("a plan runs once; plan again for another run");
        return Sampler.Sample(_plan, _plan.Hooks, cancel);
    }
}

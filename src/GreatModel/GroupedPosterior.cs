namespace GreatModel;

/// <summary>
/// The result of a grouped fit (<see cref="Sampler.Run(Model.GroupedData, SamplerOptions, Sampling.RunHooks, CancellationToken)"/>):
/// one <see cref="Posterior"/> per group, in the data's order, and how the run as a whole went. Immutable.
/// </summary>
public sealed class GroupedPosterior
{
    private readonly Posterior[] _groups;
    private readonly Dictionary<string, Posterior> _byLabel;

    internal GroupedPosterior(Posterior[] groups, long dataCount, string dataSource)
    {
        _groups = groups;
        _byLabel = groups.ToDictionary(g => g.Group!, StringComparer.Ordinal);
        DataCount = dataCount;
        DataSource = dataSource;
    }

    /// <summary>Every group's posterior, in the data's order (<see cref="Posterior.Group"/> names it).</summary>
    public IReadOnlyList<Posterior> Groups => _groups;

    /// <summary>Group <paramref name="label"/>'s posterior.</summary>
    /// <param name="label">A group's label (ordinal comparison).</param>
    /// <exception cref="KeyNotFoundException">No group has that label.</exception>
    public Posterior this[string label] => _byLabel[label];

    /// <summary>Observations over all groups.</summary>
    public long DataCount { get; }

    /// <summary>Where the groups came from (a file path).</summary>
    public string DataSource { get; }

    /// <summary>The options as run, with the seed filled in.</summary>
    public SamplerOptions Options => _groups[0].Options;

    /// <summary>The seed the run used: with each group's label, the key of its streams.</summary>
    public ulong Seed => _groups[0].Seed;

    /// <summary>The backend that ran.</summary>
    public Backend Backend => _groups[0].Backend;

    /// <summary>The backend that ran, in words.</summary>
    public string BackendDescription => _groups[0].BackendDescription;

    /// <summary>Why <see cref="Backend.Auto"/> picked <see cref="Backend"/>; null when the backend was named.</summary>
    public string? BackendReason => _groups[0].BackendReason;

    /// <summary>Wall time of the sampling of all groups.</summary>
    public TimeSpan Elapsed => _groups[0].Elapsed;

    /// <summary>Sweeps run per chain (all of them unless cancelled).</summary>
    public long SweepsRun => _groups[0].SweepsRun;

    /// <summary>Draws recorded per chain.</summary>
    public int DrawsPerChain => _groups[0].DrawsPerChain;

    /// <summary>True when the run was stopped before all samples were drawn.</summary>
    public bool Cancelled => _groups[0].Cancelled;

    /// <summary>Datum-updates per second over all groups: chains × Σ n × sweeps / wall time.</summary>
    public double DatumUpdatesPerSecond => Options.Chains * (double)DataCount * (SweepsRun - _groups[0].ResumedFromSweep) / Elapsed.TotalSeconds;
}

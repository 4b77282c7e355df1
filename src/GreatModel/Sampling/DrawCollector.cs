namespace GreatModel.Sampling;

/// <summary>
/// The sink that keeps a run's draws in memory, per group and chain-major within it, for the <see cref="Posterior"/>
/// of each group; with <see cref="RunHooks.KeepDrawsInMemory"/> off it only counts them. The draws it records are the
/// run's slots, group-major (slot = group · chains + chain).
/// </summary>
internal sealed unsafe class DrawCollector : IDrawSink
{
    /// <summary>Groups from which a draw is recorded on every thread (10⁴ groups: 1.3 ms a draw on one, a cache miss per value).</summary>
    private const int ParallelRecordFrom = 1024;

    private readonly int _chains, _firstDraw, _maxCapacity;
    private int _capacity;
    private double[][] _mu, _alpha2, _tau2, _sigma2;
    private double[][]? _nu;
    private readonly ChunkedParallelFor _recordGroups;

    /// <summary>The draws <see cref="Record"/> is storing, for its per-group step (a span cannot be captured; unmanaged, so a pointer can).</summary>
    private ChainDraw* _recording;
    private int _recordingAt;

    /// <param name="groups">Groups (1 for an ungrouped run). Range: ≥ 1.</param>
    /// <param name="chains">Chains per group. Range: ≥ 1.</param>
    /// <param name="samples">Draws per chain. Range: ≥ 1.</param>
    /// <param name="keep">Whether the draws are held (else only counted).</param>
    /// <param name="nu">Whether ν is estimated (its draws are then held too).</param>
    /// <param name="firstDraw">Draws recorded before this run (a resumed run's): the first it records is this one. Range: 0 .. samples.</param>
    /// <param name="threads">Threads a draw of many groups is recorded on. Range: ≥ 1.</param>
    /// <param name="initialCapacity">
    /// Draws per chain to make room for at first, growing (doubling, up to <paramref name="samples"/>) as they come: a run
    /// that may stop early (<see cref="SamplerOptions.TargetEss"/>, its <paramref name="samples"/> a cap) holds what it drew,
    /// not the cap. Null: room for all <paramref name="samples"/> at once. Range: ≥ 1.
    /// </param>
    public DrawCollector(int groups, int chains, int samples, bool keep, bool nu, int firstDraw = 0, int threads = 1, int? initialCapacity = null)
    {
        // Each group's values go to its own arrays, so groups are recorded on any thread in any order with the same result.
        _recordGroups = new ChunkedParallelFor(groups >= ParallelRecordFrom ? threads : 1, RecordGroup);
        _chains = chains;
        _firstDraw = firstDraw;
        DrawsPerChain = firstDraw;
        _maxCapacity = keep ? samples - firstDraw : 0;
        _capacity = Math.Min(_maxCapacity, initialCapacity ?? _maxCapacity);
        Keeps = keep;
        long length = (long)chains * _capacity;
        double[][] Arrays() => [.. Enumerable.Range(0, groups).Select(_ => new double[length])];
        _mu = Arrays();
        _sigma2 = Arrays();
        _alpha2 = Arrays();
        _tau2 = Arrays();
        _nu = nu ? Arrays() : null;
    }

    /// <summary>Makes room for <paramref name="draws"/> draws per chain: each chain's stretch copied into arrays twice as long (or the cap).</summary>
    private void Grow(int draws)
    {
        int capacity = (int)Math.Min(_maxCapacity, Math.Max(draws, 2L * _capacity));
        double[][] Moved(double[][] old) => [.. old.Select(values =>
        {
            var grown = new double[(long)_chains * capacity];
            for (int chain = 0; chain < _chains; chain++)
                Array.Copy(values, (long)chain * _capacity, grown, (long)chain * capacity, _capacity);
            return grown;
        })];
        (_mu, _sigma2, _alpha2, _tau2) = (Moved(_mu), Moved(_sigma2), Moved(_alpha2), Moved(_tau2));
        if (_nu is not null) _nu = Moved(_nu);
        _capacity = capacity;
    }

    /// <summary>Draws recorded per chain so far, those before a resumed run's start included.</summary>
    public int DrawsPerChain { get; private set; }

    /// <summary>Whether the draws are held.</summary>
    public bool Keeps { get; } = true;

    public void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        DrawsPerChain = draw + 1;
        if (!Keeps) return;
        if (draw - _firstDraw >= _capacity) Grow(draw - _firstDraw + 1);
        fixed (ChainDraw* recording = chains)
        {
            _recording = recording;
            _recordingAt = draw - _firstDraw;
            try
            {
                _recordGroups.Run(0, chains.Length / _chains);
            }
            finally
            {
                _recording = null; // never left pointing at memory no longer pinned
            }
        }
    }

    /// <summary>Stores group <paramref name="group"/>'s chains of the draw <see cref="Record"/> is storing.</summary>
    private void RecordGroup(int group)
    {
        for (int chain = 0; chain < _chains; chain++)
        {
            ref readonly var d = ref _recording[(group * _chains) + chain];
            int at = (chain * _capacity) + _recordingAt;
            _mu[group][at] = d.Mu;
            _sigma2[group][at] = d.Sigma2;
            _alpha2[group][at] = d.Alpha2;
            _tau2[group][at] = d.Tau2;
            if (_nu is not null) _nu[group][at] = d.Nu;
        }
    }

    /// <summary>Group <paramref name="group"/>'s draws of μ, σ², α², τ², in that order.</summary>
    public ParameterDraws[] Parameters(int group) =>
    [
        new("mu", _chains, _capacity, DrawsPerChain - _firstDraw, _mu[group]),
        new("sigma2", _chains, _capacity, DrawsPerChain - _firstDraw, _sigma2[group]),
        new("alpha2", _chains, _capacity, DrawsPerChain - _firstDraw, _alpha2[group]),
        new("tau2", _chains, _capacity, DrawsPerChain - _firstDraw, _tau2[group]),
    ];

    /// <summary>Group <paramref name="group"/>'s draws of ν when estimated; null when fixed.</summary>
    public ParameterDraws? Nu(int group) => _nu is null ? null : new("nu", _chains, _capacity, DrawsPerChain - _firstDraw, _nu[group]);
}

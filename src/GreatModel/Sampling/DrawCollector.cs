namespace GreatModel.Sampling;

/// <summary>
/// The sink that keeps a run's draws in memory, per group and chain-major within it, for the <see cref="Posterior"/>
/// of each group; with <see cref="RunHooks.KeepDrawsInMemory"/> off it only counts them. The draws it records are the
/// run's slots, group-major (slot = group · chains + chain).
/// </summary>
internal sealed class DrawCollector : IDrawSink
{
    private readonly int _chains, _capacity, _firstDraw;
    private readonly double[][] _mu, _alpha2, _tau2, _sigma2;
    private readonly double[][]? _nu;

    /// <param name="groups">Groups (1 for an ungrouped run). Range: ≥ 1.</param>
    /// <param name="chains">Chains per group. Range: ≥ 1.</param>
    /// <param name="samples">Draws per chain. Range: ≥ 1.</param>
    /// <param name="keep">Whether the draws are held (else only counted).</param>
    /// <param name="nu">Whether ν is estimated (its draws are then held too).</param>
    /// <param name="firstDraw">Draws recorded before this run (a resumed run's): the first it records is this one. Range: 0 .. samples.</param>
    public DrawCollector(int groups, int chains, int samples, bool keep, bool nu, int firstDraw = 0)
    {
        _chains = chains;
        _firstDraw = firstDraw;
        DrawsPerChain = firstDraw;
        _capacity = keep ? samples - firstDraw : 0;
        Keeps = keep;
        long length = (long)chains * _capacity;
        double[][] Arrays() => [.. Enumerable.Range(0, groups).Select(_ => new double[length])];
        _mu = Arrays();
        _sigma2 = Arrays();
        _alpha2 = Arrays();
        _tau2 = Arrays();
        _nu = nu ? Arrays() : null;
    }

    /// <summary>Draws recorded per chain so far, those before a resumed run's start included.</summary>
    public int DrawsPerChain { get; private set; }

    /// <summary>Whether the draws are held.</summary>
    public bool Keeps { get; } = true;

    public void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        DrawsPerChain = draw + 1;
        if (!Keeps) return;
        for (int s = 0; s < chains.Length; s++)
        {
            int group = s / _chains, at = ((s - (group * _chains)) * _capacity) + draw - _firstDraw;
            _mu[group][at] = chains[s].Mu;
            _sigma2[group][at] = chains[s].Sigma2;
            _alpha2[group][at] = chains[s].Alpha2;
            _tau2[group][at] = chains[s].Tau2;
            if (_nu is not null) _nu[group][at] = chains[s].Nu;
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

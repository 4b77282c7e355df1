namespace GreatModel.Sampling;

/// <summary>
/// The sink that keeps a run's draws in memory, chain-major, for the <see cref="Posterior"/>; with
/// <see cref="RunHooks.KeepDrawsInMemory"/> off it only counts them.
/// </summary>
internal sealed class DrawCollector : IDrawSink
{
    private readonly int _chains, _capacity;
    private readonly double[] _mu, _alpha2, _tau2, _sigma2;
    private readonly double[]? _nu;

    /// <param name="chains">Chains. Range: ≥ 1.</param>
    /// <param name="samples">Draws per chain. Range: ≥ 1.</param>
    /// <param name="keep">Whether the draws are held (else only counted).</param>
    /// <param name="nu">Whether ν is estimated (its draws are then held too).</param>
    public DrawCollector(int chains, int samples, bool keep, bool nu)
    {
        _chains = chains;
        _capacity = keep ? samples : 0;
        long length = (long)chains * _capacity;
        _mu = new double[length];
        _sigma2 = new double[length];
        _alpha2 = new double[length];
        _tau2 = new double[length];
        _nu = nu ? new double[length] : null;
    }

    /// <summary>Draws recorded per chain so far.</summary>
    public int DrawsPerChain { get; private set; }

    public bool Keeps => _capacity > 0;

    public void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        DrawsPerChain = draw + 1;
        if (_capacity == 0) return;
        for (int c = 0; c < chains.Length; c++)
        {
            int at = (c * _capacity) + draw;
            _mu[at] = chains[c].Mu;
            _sigma2[at] = chains[c].Sigma2;
            _alpha2[at] = chains[c].Alpha2;
            _tau2[at] = chains[c].Tau2;
            if (_nu is not null) _nu[at] = chains[c].Nu;
        }
    }

    /// <summary>The draws of μ, σ², α², τ², in that order, as immutable per-parameter views.</summary>
    public ParameterDraws[] Parameters() =>
    [
        new("mu", _chains, _capacity, DrawsPerChain, _mu),
        new("sigma2", _chains, _capacity, DrawsPerChain, _sigma2),
        new("alpha2", _chains, _capacity, DrawsPerChain, _alpha2),
        new("tau2", _chains, _capacity, DrawsPerChain, _tau2),
    ];

    /// <summary>The draws of ν when estimated, else null.</summary>
    public ParameterDraws? Nu() => _nu is null ? null : new("nu", _chains, _capacity, DrawsPerChain, _nu);
}

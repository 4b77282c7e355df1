namespace GreatModel.Sampling;

/// <summary>One chain's recorded draw: μ, σ² = α²·τ², the two non-identified halves α² and τ², and ν.</summary>
/// <param name="Mu">Location μ.</param>
/// <param name="Alpha2">The working scale α² (not identified on its own).</param>
/// <param name="Tau2">The working scale τ² (not identified on its own).</param>
/// <param name="Nu">The degrees of freedom ν: the chain's draw when estimated, the fixed value otherwise.</param>
public readonly record struct ChainDraw(double Mu, double Alpha2, double Tau2, double Nu)
{
    /// <summary>The scale σ² = α²·τ² of the t likelihood.</summary>
    public double Sigma2 => Alpha2 * Tau2;

    /// <summary>
    /// The log posterior density of the draw up to a constant (CmdStan's <c>lp__</c>; see <c>LogPosteriorDensity</c>), made
    /// only for sinks whose <see cref="IDrawSink.WantsLogDensity"/> is true; 0 otherwise.
    /// </summary>
    public double LogDensity { get; init; }
}

namespace GreatModel.Kernels;

/// <summary>One chain's current scalars, as the per-datum update reads them.</summary>
public struct ChainState
{
    /// <summary>The location μ.</summary>
    public double Mu;

    /// <summary>The expansion parameter α² (σ² = α²·τ²). Range: α² &gt; 0.</summary>
    public double Alpha2;

    /// <summary>The latent scale τ² (σ² = α²·τ²). Range: τ² &gt; 0.</summary>
    public double Tau2;

    /// <summary>
    /// The chain's degrees of freedom ν: the run's when ν is fixed, the chain's current draw when it is estimated.
    /// Range: 0 &lt; ν ≤ 1e6.
    /// </summary>
    public double Nu;

    /// <summary>
    /// The ν proposed by the chain's marginal move this sweep (ν estimated, <see cref="SweepParameters.NuLikelihoodPass"/>),
    /// with <see cref="ProposedSigma2"/>. 0 when no move is pending. Range: 0 or &gt; 0.
    /// </summary>
    public double ProposedNu;

    /// <summary>
    /// The σ² (= α²·τ²) proposed with <see cref="ProposedNu"/>: the ridge move proposes (μ, ν, σ²) together (MODEL.md, "The
    /// ridge move"), the random walk on ν keeps the chain's own μ and σ². The pass sums the t likelihood's terms at
    /// (μ, ν, α²·τ²) and at (<see cref="ProposedMu"/>, <see cref="ProposedNu"/>, this). 0 when no move is pending. Range: 0 or &gt; 0.
    /// </summary>
    public double ProposedSigma2;

    /// <summary>The μ proposed with <see cref="ProposedNu"/> and <see cref="ProposedSigma2"/>; the chain's own μ under the random walk.</summary>
    public double ProposedMu;

    /// <summary>How the chain's latent χ²_{ν+1} is drawn (<see cref="ChiSquaredShape.For"/> of <see cref="Nu"/> + 1), made on the host with ν.</summary>
    public ChiSquaredShape Chi2;

    /// <summary>A chain state (μ, α², τ²) of a run with ν fixed: its shape is <see cref="ChiSquaredShape.For"/>(ν + 1).</summary>
    /// <param name="mu">The location μ.</param>
    /// <param name="alpha2">α². Range: α² &gt; 0.</param>
    /// <param name="tau2">τ². Range: τ² &gt; 0.</param>
    /// <param name="nu">ν. Range: 0 &lt; ν ≤ 1e6.</param>
    public ChainState(double mu, double alpha2, double tau2, double nu)
        : this(mu, alpha2, tau2, nu, ChiSquaredShape.For(nu + 1))
    {
    }

    /// <summary>A chain state (μ, α², τ²) with ν and its χ² shape.</summary>
    /// <param name="mu">The location μ.</param>
    /// <param name="alpha2">α². Range: α² &gt; 0.</param>
    /// <param name="tau2">τ². Range: τ² &gt; 0.</param>
    /// <param name="nu">ν. Range: 0 &lt; ν ≤ 1e6.</param>
    /// <param name="chi2">The χ²_{ν+1} draws' shape, <see cref="ChiSquaredShape.For"/>(ν + 1) or <see cref="ChiSquaredShape.ForVarying"/>.</param>
    public ChainState(double mu, double alpha2, double tau2, double nu, ChiSquaredShape chi2)
    {
        Mu = mu;
        Alpha2 = alpha2;
        Tau2 = tau2;
        Nu = nu;
        Chi2 = chi2;
    }

    /// <summary>This state with (μ, α², τ²) replaced and ν and its shape kept.</summary>
    /// <param name="mu">The location μ.</param>
    /// <param name="alpha2">α². Range: α² &gt; 0.</param>
    /// <param name="tau2">τ². Range: τ² &gt; 0.</param>
    /// <returns>The new state.</returns>
    public readonly ChainState With(double mu, double alpha2, double tau2) => new(mu, alpha2, tau2, Nu, Chi2);
}

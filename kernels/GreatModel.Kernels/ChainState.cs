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

    /// <summary>A chain state (μ, α², τ²).</summary>
    /// <param name="mu">The location μ.</param>
    /// <param name="alpha2">α². Range: α² &gt; 0.</param>
    /// <param name="tau2">τ². Range: τ² &gt; 0.</param>
    public ChainState(double mu, double alpha2, double tau2)
    {
        Mu = mu;
        Alpha2 = alpha2;
        Tau2 = tau2;
    }
}

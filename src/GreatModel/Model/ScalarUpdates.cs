using GreatModel.Kernels;
using MathNet.Numerics.Distributions;

namespace GreatModel.Model;

/// <summary>
/// MODEL.md steps 3–5, the three scalar draws per chain per sweep, with MathNet.Numerics (the reference sampler's, the
/// independent oracle), then step 5b (ν, when estimated) and step 6's rescale (α², τ²) → (1, α²·τ²). The other backends
/// draw steps 3–5 by <see cref="HostConditionals"/> and share the rest (<see cref="Finish"/>).
/// </summary>
internal static class ScalarUpdates
{
    /// <summary>
    /// Steps 3–5 (and step 5b, ν | U, τ², when <paramref name="nuUpdate"/> is given), then the rescale to
    /// (μ, 1, α²·τ²): the state the next sweep starts from. ν fixed: the state's ν and shape are kept.
    /// </summary>
    /// <param name="rng">The chain's host stream.</param>
    /// <param name="sums">The sweep's sums over the data.</param>
    /// <param name="n">Observations. Range: ≥ 1.</param>
    /// <param name="current">The chain's state the sums were made with (its ν is the sweep's).</param>
    /// <param name="nuUpdate">ν's draw when ν is estimated; null when it is fixed.</param>
    public static ChainState Draw(System.Random rng, SweepSums sums, int n, ChainState current, NuUpdate? nuUpdate) =>
        Finish(rng, sums, n, current, nuUpdate, DrawConditionals(rng, sums, n, current.Nu));

    /// <summary>
    /// What follows steps 3–5 once α², μ, τ² are drawn (by MathNet here, <see cref="DrawConditionals"/>, or by the kernel
    /// backends' own samplers, <see cref="HostConditionals"/>): step 5b (ν | U, τ²) when ν is estimated, then the rescale.
    /// </summary>
    /// <param name="rng">The chain's host stream (ν's draw).</param>
    /// <param name="sums">The sweep's sums.</param>
    /// <param name="n">Observations. Range: ≥ 1.</param>
    /// <param name="current">The chain's state the sums were made with.</param>
    /// <param name="nuUpdate">ν's draw when ν is estimated; null when it is fixed.</param>
    /// <param name="drawn">Steps 3–5's μ, α², τ².</param>
    public static ChainState Finish(System.Random rng, SweepSums sums, int n, ChainState current, NuUpdate? nuUpdate,
        (double Mu, double Alpha2, double Tau2) drawn)
    {
        var (mu, alpha2, tau2) = drawn;
        // The posterior is flat along (α², τ²) → (cα², τ²/c), so left alone log α² random-walks until
        // α²·τ² over- or underflows. The next sweep depends on (α², τ²) only through σ² = α²·τ² (MODEL.md,
        // "Why the rescale is exact"; with ν estimated its draw too), so moving to (1, σ²) changes no law and
        // keeps both in range.
        if (nuUpdate is null) return current.With(mu, 1.0, alpha2 * tau2);
        double nu = nuUpdate.Draw(rng, n, sums, tau2, current.Nu);
        // A NaN ν (sums not finite) is left for the driver's check, which names the chain and sweep.
        return new ChainState(mu, 1.0, alpha2 * tau2, nu, double.IsNaN(nu) ? current.Chi2 : ChiSquaredShape.ForVarying(nu));
    }

    /// <summary>Steps 3–5 alone: α² = S2/χ²_n, μ ~ N(S1/S0, α²/S0), τ² ~ Gamma(νn/2, rate νS0/2) (tests check each law).</summary>
    public static (double Mu, double Alpha2, double Tau2) DrawConditionals(System.Random rng, SweepSums sums, int n, double nu)
    {
        double alpha2 = sums.S2 / ChiSquare(rng, n);
        double mu = Normal.Sample(rng, sums.S1 / sums.S0, Math.Sqrt(alpha2 / sums.S0));
        double tau2 = Gamma.Sample(rng, nu * n / 2.0, nu * sums.S0 / 2.0);
        return (mu, alpha2, tau2);
    }

    /// <summary>
    /// χ²_k = 2·Gamma(k/2, 1) (MODEL.md). Not MathNet's ChiSquared.Sample: for integer k it sums k squared
    /// normals, O(n) per chain per sweep for the alpha2 draw.
    /// </summary>
    public static double ChiSquare(System.Random rng, double k) => ChiSquareOfHalfShape(rng, k / 2);

    /// <summary>χ²_k given k/2 already computed (the reference's latent update takes (ν + 1)/2 once per chain and sweep).</summary>
    public static double ChiSquareOfHalfShape(System.Random rng, double halfK) => 2 * Gamma.Sample(rng, halfK, 1);
}

using GreatModel.Kernels;
using MathNet.Numerics.Distributions;

namespace GreatModel.Model;

/// <summary>
/// MODEL.md steps 3–5, the three scalar draws per chain per sweep, with MathNet.Numerics, then step 6's
/// rescale (α², τ²) → (1, α²·τ²). Shared by the reference sampler and the kernel backends: only where
/// S0, S1, S2 come from differs.
/// </summary>
internal static class ScalarUpdates
{
    /// <summary>Steps 3–5, then the rescale to (μ, 1, α²·τ²): the state the next sweep starts from.</summary>
    public static ChainState Draw(System.Random rng, SweepSums sums, int n, double nu)
    {
        var (mu, alpha2, tau2) = DrawConditionals(rng, sums, n, nu);
        // The posterior is flat along (α², τ²) → (cα², τ²/c), so left alone log α² random-walks until
        // α²·τ² over- or underflows. The next sweep depends on (α², τ²) only through σ² = α²·τ² (MODEL.md,
        // "Why the rescale is exact"), so moving to (1, σ²) changes no law and keeps both in range.
        return new ChainState(mu, 1.0, alpha2 * tau2);
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

    /// <summary>χ²_k given k/2 already computed (the latent update's (ν + 1)/2 is derived once per run).</summary>
    public static double ChiSquareOfHalfShape(System.Random rng, double halfK) => 2 * Gamma.Sample(rng, halfK, 1);
}

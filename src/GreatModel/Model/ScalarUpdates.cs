using GreatModel.Kernels;
using MathNet.Numerics.Distributions;

namespace GreatModel.Model;

/// <summary>
/// MODEL.md steps 3–5, the three scalar draws per chain per sweep, with MathNet.Numerics. Shared by the
/// reference sampler and the kernel backends: only where S0, S1, S2 come from differs.
/// </summary>
internal static class ScalarUpdates
{
    public static ChainState Draw(System.Random rng, SweepSums sums, int n, double nu)
    {
        double alpha2 = sums.S2 / ChiSquare(rng, n);
        double mu = Normal.Sample(rng, sums.S1 / sums.S0, Math.Sqrt(alpha2 / sums.S0));
        double tau2 = Gamma.Sample(rng, nu * n / 2.0, nu * sums.S0 / 2.0);
        return new ChainState(mu, alpha2, tau2);
    }

    /// <summary>
    /// χ²_k = 2·Gamma(k/2, 1) (MODEL.md). Not MathNet's ChiSquared.Sample: for integer k it sums k squared
    /// normals, O(n) per chain per sweep for the alpha2 draw.
    /// </summary>
    public static double ChiSquare(System.Random rng, double k) => ChiSquareOfHalfShape(rng, k / 2);

    /// <summary>χ²_k given k/2 already computed (the latent update's (ν + 1)/2 is derived once per run).</summary>
    public static double ChiSquareOfHalfShape(System.Random rng, double halfK) => 2 * Gamma.Sample(rng, halfK, 1);
}

namespace GreatModel.Kernels;

/// <summary>
/// How the latent χ²_k draws of a run are made, k = ν + 1, decided once on the host. When k is an integer
/// up to <see cref="LoopFreeMaxDegrees"/>, by the loop-free sum χ²_k = -2·log(u₁⋯u_m) + z² (m = ⌊k/2⌋,
/// z² only when k is odd): a fixed number of uniforms and one or two logarithms, no rejection, and on a GPU
/// no warp divergence. Otherwise by Marsaglia–Tsang on Gamma(k/2) (<see cref="Gamma"/>), doubled.
/// </summary>
public struct ChiSquaredShape
{
    /// <summary>
    /// The largest k drawn by the loop-free sum: past it the m = k/2 uniforms (one Philox block per four)
    /// cost more than Marsaglia–Tsang's one block and rare retrial. At k = 16 the product of eight
    /// uniforms (each ≥ 2^-33) stays above 2^-264, far from underflow.
    /// </summary>
    public const int LoopFreeMaxDegrees = 16;

    /// <summary>k when the loop-free sum draws χ²_k, else 0. Range: 0 or 1 ≤ k ≤ <see cref="LoopFreeMaxDegrees"/>.</summary>
    public int LoopFreeDegrees;

    /// <summary>Marsaglia–Tsang's constants for Gamma(k/2): χ²_k = 2·Gamma(k/2). Used when <see cref="LoopFreeDegrees"/> is 0.</summary>
    public GammaShape Gamma;

    /// <summary>Uniforms in the loop-free product: m = ⌊k/2⌋. Range: 0 to <see cref="LoopFreeMaxDegrees"/>/2.</summary>
    public readonly int UniformCount => LoopFreeDegrees / 2;

    /// <summary>Whether the loop-free sum adds z² (k odd).</summary>
    public readonly bool HasNormal => (LoopFreeDegrees & 1) == 1;

    /// <summary>The draws of χ²_k for k = <paramref name="degrees"/>.</summary>
    /// <param name="degrees">The degrees of freedom k = ν + 1. Range: k &gt; 0, finite.</param>
    /// <returns>The loop-free sum when k is an integer ≤ <see cref="LoopFreeMaxDegrees"/>, else Marsaglia–Tsang.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive, is NaN or is infinite.</exception>
    public static ChiSquaredShape For(double degrees)
    {
        var gamma = GammaShape.For(degrees / 2);
        bool loopFree = degrees == Math.Floor(degrees) && degrees <= LoopFreeMaxDegrees;
        return new ChiSquaredShape { LoopFreeDegrees = loopFree ? (int)degrees : 0, Gamma = gamma };
    }

    /// <summary>
    /// The draws of χ²_{ν+1} for a ν that changes every sweep (ν estimated): always Marsaglia–Tsang, whose
    /// constants are all a chain needs, so every chain can have its own shape at no per-datum cost. (A drawn ν is
    /// an integer with probability 0; the loop-free sum would only make the vector paths branch per chain.)
    /// </summary>
    /// <param name="nu">The chain's ν. Range: ν &gt; 0, finite.</param>
    /// <returns>Marsaglia–Tsang's constants for Gamma((ν + 1)/2).</returns>
    /// <exception cref="ArgumentOutOfRangeException">ν is not positive, is NaN or is infinite.</exception>
    public static ChiSquaredShape ForVarying(double nu) => new() { LoopFreeDegrees = 0, Gamma = GammaShape.For((nu + 1) / 2) };
}

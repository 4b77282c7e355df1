using System.Runtime.CompilerServices;

namespace GreatModel.Kernels;

/// <summary>
/// MODEL.md step 1 for one datum once its χ²_{ν+1} draw is known: the latent 1/U = χ² / (ν τ² + (x-μ)²/α²)
/// and the datum's terms (1/U, x/U, (x-μ)²/U) of S0, S1, S2. U itself is never stored.
/// </summary>
/// <remarks>
/// Two forms of 1/U, equal in exact arithmetic but rounded differently, so each backend keeps its own and its
/// goldens: <see cref="Of"/> (two divisions) for the kernels, <c>cpu</c> and <c>ilgpu-*</c>;
/// <see cref="OneDivision"/> for <c>cpu-fast</c>. Both end in <see cref="FromInverseU"/>. The vector twins
/// (Backends/Simd/VectorSweep.Terms, Backends/FastCpu/VectorFastTile) write the same operations lane-wise.
/// </remarks>
public static class LatentTerms
{
    /// <summary>
    /// The kernels' form: 1/U = χ² / (ν τ² + (x-μ)²/α²), then the datum's terms of S0, S1, S2.
    /// Vector twin: Backends/Simd/VectorSweep.Terms.
    /// </summary>
    /// <param name="x">The datum. Range: finite.</param>
    /// <param name="chi2">The datum's χ²_{ν+1} draw. Range: chi2 &gt; 0.</param>
    /// <param name="s">The chain's current μ, α², τ². Range: α² &gt; 0, τ² &gt; 0.</param>
    /// <param name="nu">Degrees of freedom ν. Range: ν &gt; 0.</param>
    /// <returns>(1/U, x/U, (x-μ)²/U).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SweepSums Of(double x, double chi2, ChainState s, double nu)
    {
        double dev = x - s.Mu;
        double dev2 = dev * dev;
        return FromInverseU(x, dev2, chi2 / (nu * s.Tau2 + dev2 / s.Alpha2));
    }

    /// <summary>
    /// The cpu-fast form, one division where <see cref="Of"/> has two: 1/U = χ²·α² / (ν τ² α² + (x-μ)²),
    /// with the chain's offset ν τ² α² from <see cref="OneDivisionOffset"/>.
    /// Vector twin: Backends/FastCpu/VectorFastTile.TileSums.
    /// </summary>
    /// <param name="x">The datum. Range: finite.</param>
    /// <param name="chi2">The datum's χ²_{ν+1} draw. Range: chi2 &gt; 0.</param>
    /// <param name="mu">The chain's μ.</param>
    /// <param name="alpha2">The chain's α². Range: α² &gt; 0.</param>
    /// <param name="offset">ν τ² α², from <see cref="OneDivisionOffset"/>. Range: offset &gt; 0.</param>
    /// <returns>(1/U, x/U, (x-μ)²/U).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SweepSums OneDivision(double x, double chi2, double mu, double alpha2, double offset)
    {
        double dev = x - mu;
        double dev2 = dev * dev;
        return FromInverseU(x, dev2, chi2 * alpha2 / (offset + dev2));
    }

    /// <summary>The offset ν τ² α² of <see cref="OneDivision"/>, once per chain and sweep.</summary>
    /// <param name="s">The chain's current μ, α², τ².</param>
    /// <param name="nu">Degrees of freedom ν. Range: ν &gt; 0.</param>
    /// <returns>ν·τ²·α², multiplied in that order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OneDivisionOffset(ChainState s, double nu) => nu * s.Tau2 * s.Alpha2;

    /// <summary>
    /// A datum's terms of S0, S1, S2 from its 1/U: (1/U, x·1/U, (x-μ)²·1/U).
    /// Vector twin: Backends/Simd/VectorSweep.TermsFromInverseU.
    /// </summary>
    /// <param name="x">The datum.</param>
    /// <param name="dev2">(x-μ)².</param>
    /// <param name="inverseU">1/U. Range: &gt; 0.</param>
    /// <returns>The datum's <see cref="SweepSums"/> terms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SweepSums FromInverseU(double x, double dev2, double inverseU) =>
        new(inverseU, x * inverseU, dev2 * inverseU);
}

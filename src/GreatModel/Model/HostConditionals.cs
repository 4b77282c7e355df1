using GreatModel.Kernels;

namespace GreatModel.Model;

/// <summary>
/// MODEL.md steps 3–5 as every backend but the reference draws them: α² = S2/χ²_n, μ ~ N(S1/S0, α²/S0) and
/// τ² ~ Gamma(νn/2, rate νS0/2), each from Philox blocks addressed by (draw, sweep, chain) under the group's key
/// (<see cref="CounterSpace.HostConditionalsDatum"/>). χ²_n and the gamma are <see cref="DeviceRandom.Gamma(GammaShape, DrawSite)"/>
/// (Marsaglia–Tsang) and the normal <see cref="DeviceRandom.StandardNormal"/> (Box–Muller): the per-datum draws' exact
/// samplers. The reference keeps MathNet's (<see cref="ScalarUpdates.DrawConditionals"/>) as the independent oracle.
/// </summary>
/// <remarks>
/// Why not a sequential stream per chain, as MathNet's samplers need: a draw addressed by its counter depends on
/// (seed, group, chain, sweep, sums) alone, so eight chains are drawn side by side in vector lanes
/// (<see cref="Backends.Simd.VectorHostConditionals"/>, which gives these bits) and a resumed run needs no position for it.
/// Measured on a 2-core EPYC, per chain and sweep: 38 ns for eight chains side by side, about 100 ns for a chain alone (its
/// three draws in three lanes), against 91 ns for MathNet's samplers on a buffered stream; this scalar form alone takes 130–160
/// ns (three scalar Philox blocks, three Box–Muller logs and cosines), so it runs only where the vector path cannot: about one
/// chain in fifty, and CPUs without 256-bit SIMD. It is the specification the vector twin is tested against.
/// </remarks>
internal static class HostConditionals
{
    /// <summary>Draw number (counter word 0 past <see cref="CounterSpace.HostConditionalsDatum"/>) of χ²_n, α²'s divisor.</summary>
    public const uint ChiSquareDraw = 0;

    /// <summary>Draw number of μ's standard normal (one Box–Muller block, trial 0).</summary>
    public const uint MuDraw = 1;

    /// <summary>Draw number of τ²'s Gamma(νn/2, 1).</summary>
    public const uint Tau2Draw = 2;

    /// <summary>Where draw <paramref name="draw"/> of a chain's sweep takes its blocks (block t: Marsaglia–Tsang's trial t).</summary>
    /// <param name="key">The group's Philox key (the seed for an ungrouped run).</param>
    /// <param name="draw">One of <see cref="ChiSquareDraw"/>, <see cref="MuDraw"/>, <see cref="Tau2Draw"/>.</param>
    /// <param name="sweep">The sweep (counter word 1, as the per-datum draws use it).</param>
    /// <param name="chain">The chain's global index within its group (counter word 2).</param>
    public static DrawSite Site(ulong key, uint draw, uint sweep, uint chain) =>
        new((uint)key, (uint)(key >> 32), CounterSpace.HostConditionalsDatum + draw, sweep, chain);

    /// <summary>τ²'s gamma shape νn/2, as the vector twin computes it.</summary>
    public static double Tau2Shape(double nu, int n) => nu * n / 2.0;

    /// <summary>τ²'s gamma rate νS0/2, as the vector twin computes it.</summary>
    public static double Tau2Rate(double nu, double s0) => nu * s0 / 2.0;

    /// <summary>Steps 3–5 for one chain and sweep.</summary>
    /// <param name="key">The group's Philox key.</param>
    /// <param name="chain">The chain's global index within its group.</param>
    /// <param name="sweep">The sweep.</param>
    /// <param name="sums">The sweep's sums over the data.</param>
    /// <param name="halfN">χ²_n's constants, <see cref="GammaShape.For"/>(n/2).</param>
    /// <param name="n">Observations. Range: ≥ 1.</param>
    /// <param name="nu">The sweep's ν. Range: &gt; 0.</param>
    /// <returns>μ, α², τ²; NaN where the sums are not finite (the driver's check then names the chain).</returns>
    /// <exception cref="ArgumentOutOfRangeException">ν is not positive and finite (τ²'s gamma has no shape); the run stops naming the chain.</exception>
    public static (double Mu, double Alpha2, double Tau2) Draw(ulong key, uint chain, uint sweep, SweepSums sums, GammaShape halfN, int n, double nu)
    {
        double chiSquare = 2.0 * DeviceRandom.Gamma(halfN, Site(key, ChiSquareDraw, sweep, chain));
        double alpha2 = sums.S2 / chiSquare;
        double z = DeviceRandom.StandardNormal(Site(key, MuDraw, sweep, chain).Block(CounterSpace.DeviceTrialFirst));
        double mu = (sums.S1 / sums.S0) + (Math.Sqrt(alpha2 / sums.S0) * z);
        double gamma = DeviceRandom.Gamma(GammaShape.For(Tau2Shape(nu, n)), Site(key, Tau2Draw, sweep, chain));
        return (mu, alpha2, gamma / Tau2Rate(nu, sums.S0));
    }
}

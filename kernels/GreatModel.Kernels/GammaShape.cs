using System.Runtime.CompilerServices;

namespace GreatModel.Kernels;

/// <summary>
/// Constants of a Marsaglia–Tsang (2000) gamma sampler for one shape, computed once on the host, and the
/// method's acceptance test: the one statement of it that every scalar gamma sampler calls
/// (<see cref="DeviceRandom.Gamma(GammaShape, DrawSite)"/> and cpu-fast's FastGamma).
/// </summary>
public struct GammaShape
{
    /// <summary>
    /// d = a' - 1/3, with a' = a (a ≥ 1) or a + 1 (a &lt; 1, boosted). Range: d ≥ 2/3.
    /// A trial with normal x and v = (1 + c·x)³ gives the draw d·v when accepted.
    /// </summary>
    public double D;

    /// <summary>c = 1/sqrt(9d). Range: 0 &lt; c ≤ 1/√6.</summary>
    public double C;

    /// <summary>1/a when the shape a is below 1 (the boost Gamma(a) = Gamma(a+1)·U^(1/a)), else 0. Range: 0 or &gt; 1.</summary>
    public double BoostExponent;

    /// <summary>
    /// Marsaglia–Tsang's squeeze constant: a trial is accepted at once when u &lt; 1 - 0.0331·x⁴, which
    /// spares the logarithms of the exact test in about 98% of trials. The vector twins read it from here.
    /// </summary>
    public const double SqueezeCoefficient = 0.0331;

    /// <summary>The sampler's constants for Gamma(shape, 1).</summary>
    /// <param name="shape">The gamma shape a. Range: a &gt; 0, finite.</param>
    /// <returns>d, c and the boost exponent for <paramref name="shape"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The shape is not positive, is NaN or is infinite.</exception>
    public static GammaShape For(double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "gamma shape must be positive and finite");
        double a = shape < 1 ? shape + 1 : shape;
        double d = a - 1.0 / 3.0;
        return new GammaShape { D = d, C = 1.0 / Math.Sqrt(9.0 * d), BoostExponent = shape < 1 ? 1.0 / shape : 0.0 };
    }

    /// <summary>
    /// Marsaglia–Tsang's acceptance test of one trial: the squeeze u &lt; 1 - 0.0331·x⁴, then the exact
    /// test log u &lt; x²/2 + d·(1 - v + log v). On acceptance the draw is <see cref="D"/>·v.
    /// Vector twin: Backends/Simd/VectorSweep.GammaTrial (the same operations lane-wise).
    /// </summary>
    /// <param name="x">The trial's standard normal.</param>
    /// <param name="v">The trial's cube v = (1 + c·x)³. Range: v &gt; 0 (a trial with 1 + c·x ≤ 0 rejects before this test).</param>
    /// <param name="u">The trial's acceptance uniform. Range: u in (0, 1).</param>
    /// <returns>True when the trial is accepted.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Accepts(double x, double v, double u)
    {
        // Written as branches to constants, not as one || expression: inlined, this form lets the JIT branch
        // on the comparisons directly instead of materialising a bool (as the code before this helper did).
        double x2 = x * x;
        if (u < 1.0 - SqueezeCoefficient * x2 * x2) return true;
        if (PortableMath.Log(u) < 0.5 * x2 + D * (1.0 - v + PortableMath.Log(v))) return true;
        return false;
    }

    /// <summary>
    /// The boost factor U^(1/a) = exp(log U · <see cref="BoostExponent"/>) that turns a Gamma(a + 1) draw
    /// into a Gamma(a) draw, for shapes a &lt; 1.
    /// </summary>
    /// <param name="u">The boost uniform. Range: u in (0, 1).</param>
    /// <returns>U^(1/a), in [0, 1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double BoostFactor(double u) => PortableMath.Exp(PortableMath.Log(u) * BoostExponent);
}

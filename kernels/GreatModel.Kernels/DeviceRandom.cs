namespace GreatModel.Kernels;

/// <summary>
/// Where a device draw comes from: a Philox key (the run's seed) and the first three counter words
/// (datum, sweep, chain). The fourth word numbers the blocks used for that one draw, so the draw
/// is the same whoever computes it and whatever else is drawn.
/// </summary>
public struct DrawSite
{
    public uint Key0, Key1, Datum, Sweep, Chain;

    public DrawSite(uint key0, uint key1, uint datum, uint sweep, uint chain)
    {
        Key0 = key0;
        Key1 = key1;
        Datum = datum;
        Sweep = sweep;
        Chain = chain;
    }

    /// <summary>Block index reserved for the shape &lt; 1 boost uniform (rejection trials count up from 0).</summary>
    public const uint BoostBlock = 0x80000000u;

    public readonly Block128 Block(uint index) =>
        Philox4x32.Generate(new Block128(Datum, Sweep, Chain, index), Key0, Key1);
}

/// <summary>Constants of a Marsaglia–Tsang gamma sampler for one shape, computed once on the host.</summary>
public struct GammaShape
{
    /// <summary>d = a' - 1/3 and c = 1/sqrt(9d), with a' = a (a ≥ 1) or a + 1 (a &lt; 1, boosted).</summary>
    public double D, C;

    /// <summary>1/a when the shape is below 1 (the boost Gamma(a) = Gamma(a+1) U^(1/a)), else 0.</summary>
    public double BoostExponent;

    public static GammaShape For(double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "gamma shape must be positive and finite");
        double a = shape < 1 ? shape + 1 : shape;
        double d = a - 1.0 / 3.0;
        return new GammaShape { D = d, C = 1.0 / Math.Sqrt(9.0 * d), BoostExponent = shape < 1 ? 1.0 / shape : 0.0 };
    }
}

/// <summary>Normal and gamma draws from Philox blocks; plain arithmetic, callable from any kernel.</summary>
public static class DeviceRandom
{
    /// <summary>Box–Muller standard normal from one block (53-bit radius uniform, 32-bit angle).</summary>
    public static double StandardNormal(Block128 b) =>
        Math.Sqrt(-2.0 * PortableMath.Log(Philox4x32.OpenUniform53(b.X0, b.X1)))
        * PortableMath.CosTwoPi(Philox4x32.OpenUniform32(b.X2));

    /// <summary>
    /// Gamma(shape, 1) by Marsaglia &amp; Tsang (2000). Trial t uses block t: its first three words give
    /// the normal, the fourth the acceptance uniform. Shapes below 1 use the boost with block
    /// <see cref="DrawSite.BoostBlock"/>.
    /// </summary>
    public static double Gamma(GammaShape g, DrawSite site) => Gamma(g, site, firstTrial: 0);

    /// <summary>
    /// <see cref="Gamma(GammaShape, DrawSite)"/> for a caller that has already seen trials before
    /// <paramref name="firstTrial"/> reject (the SIMD path tries trial 0 four lanes at a time).
    /// </summary>
    public static double Gamma(GammaShape g, DrawSite site, uint firstTrial)
    {
        double d = g.D, c = g.C;
        double result = 0.0;
        for (uint trial = firstTrial; ; trial++)
        {
            Block128 b = site.Block(trial);
            double x = StandardNormal(b);
            double v = 1.0 + c * x;
            if (v <= 0.0) continue;
            v = v * v * v;
            double u = Philox4x32.OpenUniform32(b.X3);
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || PortableMath.Log(u) < 0.5 * x2 + d * (1.0 - v + PortableMath.Log(v)))
            {
                result = d * v;
                break;
            }
        }
        if (g.BoostExponent > 0.0)
        {
            Block128 boost = site.Block(DrawSite.BoostBlock);
            double ub = Philox4x32.OpenUniform53(boost.X0, boost.X1);
            result *= PortableMath.Exp(PortableMath.Log(ub) * g.BoostExponent);
        }
        return result;
    }
}

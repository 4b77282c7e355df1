namespace GreatModel.Kernels;

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
    public static double Gamma(GammaShape g, DrawSite site) => Gamma(g, site, firstTrial: CounterSpace.DeviceTrialFirst);

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
            if (g.Accepts(x, v, Philox4x32.OpenUniform32(b.X3)))
            {
                result = d * v;
                break;
            }
        }
        if (g.BoostExponent > 0.0)
        {
            Block128 boost = site.Block(DrawSite.BoostBlock);
            double ub = Philox4x32.OpenUniform53(boost.X0, boost.X1);
            result *= g.BoostFactor(ub);
        }
        return result;
    }
}

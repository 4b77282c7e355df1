using System.Runtime.CompilerServices;
using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// Gamma(shape, 1) from xoshiro words: Marsaglia &amp; Tsang (2000) on ziggurat normals, with the same trial
/// arithmetic as <see cref="DeviceRandom.Gamma(GammaShape, DrawSite)"/> (only the words differ). Per trial one
/// normal, then (if 1 + c·x &gt; 0) one acceptance uniform; shapes below 1 add the boost uniform.
/// </summary>
internal static class FastGamma
{
    /// <summary>
    /// The draw's common case from its first two words alone: the ziggurat's inner rectangle, v &gt; 0, and
    /// acceptance. False when the draw needs more words (about 1 in 40 for ν = 6, and always with the boost).
    /// </summary>
    public static bool TryFirstTrial(GammaShape g, ulong zigguratWord, ulong uniformWord, out double gamma)
    {
        gamma = 0.0;
        if (g.BoostExponent > 0.0) return false;
        if (!ZigguratNormal.InnerRectangle(zigguratWord, out _, out _, out double x)) return false;
        double v = 1.0 + g.C * x;
        if (!(v > 0.0)) return false;
        v = v * v * v;
        if (!g.Accepts(x, v, LaneStream.OpenUniform(uniformWord))) return false;
        gamma = g.D * v;
        return true;
    }

    /// <summary>The whole draw: its first two words are <paramref name="stream"/>'s next two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    public static double Next(GammaShape g, ref LaneStream stream)
    {
        double d = g.D, c = g.C;
        double result;
        while (true)
        {
            double x = ZigguratNormal.Next(ref stream);
            double v = 1.0 + c * x;
            if (v <= 0.0) continue;
            v = v * v * v;
            if (g.Accepts(x, v, stream.NextOpenUniform()))
            {
                result = d * v;
                break;
            }
        }
        if (g.BoostExponent > 0.0)
            result *= g.BoostFactor(stream.NextOpenUniform());
        return result;
    }
}

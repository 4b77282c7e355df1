using System.Runtime.CompilerServices;
using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>
/// Standard normal draws by Marsaglia &amp; Tsang's ziggurat (2000) with 256 layers, in the form rand_distr
/// uses (the Rust baseline's sampler): one 64-bit word picks the layer (low 8 bits) and a uniform in [-1, 1)
/// (top 52 bits); about 99% of draws end there with one multiply and one compare. Tables are built from
/// <see cref="PortableMath"/>, so they are the same bits on every machine.
/// </summary>
internal static class ZigguratNormal
{
    /// <summary>Number of layers: the low 8 bits of a word pick one.</summary>
    public const int Layers = 256;

    /// <summary>The bits of a word that pick the layer.</summary>
    public const ulong LayerMask = Layers - 1;

    /// <summary>Right edge of the base layer's tail: R, with area V per layer.</summary>
    public const double R = 3.6541528853610088;
    /// <summary>The area of each layer (rand_distr's constant for 256 layers).</summary>
    private const double V = 0.00492867323399;

    /// <summary>
    /// Layer right edges, decreasing: X[0] = V/f(R) (the base layer, tail folded in), X[1] = R, ..., X[256] = 0.
    /// Pinned so the vector path can gather from it.
    /// </summary>
    public static readonly double[] X = BuildX();

    /// <summary>F[i] = f(X[i]) for the density's kernel f(x) = exp(-x²/2); increasing up to F[256] = 1.</summary>
    public static readonly double[] F = BuildF();

    /// <summary>The unnormalised density f(x) = exp(-x²/2).</summary>
    private static double Density(double x) => PortableMath.Exp(-0.5 * x * x);

    private static double[] BuildX()
    {
        var x = GC.AllocateArray<double>(Layers + 1, pinned: true);
        x[0] = V / Density(R);
        x[1] = R;
        for (int i = 2; i < Layers; i++)
            x[i] = Math.Sqrt(-2.0 * PortableMath.Log((V / x[i - 1]) + Density(x[i - 1])));
        x[Layers] = 0.0;
        return x;
    }

    private static double[] BuildF()
    {
        var f = new double[Layers + 1];
        for (int i = 0; i <= Layers; i++) f[i] = Density(X[i]);
        return f;
    }

    /// <summary>
    /// The uniform in [-1, 1) of a ziggurat word: 2·[1, 2) - 3 from its top 52 bits.
    /// Vector twin: VectorFastTile.InnerRectangle.
    /// </summary>
    public static double SignedUniform(ulong word) =>
        (2.0 * BitConverter.Int64BitsToDouble((long)((word >> (64 - PortableMath.MantissaBits)) | (ulong)PortableMath.OneExponentBits))) - 3.0;

    /// <summary>
    /// The ziggurat's fast path for one word: layer = its low bits, u = <see cref="SignedUniform"/>, the candidate
    /// x = u·X[layer]; true when x lies in the layer's inner rectangle (|x| &lt; X[layer + 1]) and so is the draw
    /// (about 99% of words). Vector twin: VectorFastTile.InnerRectangle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InnerRectangle(ulong word, out int layer, out double u, out double x)
    {
        layer = (int)(word & LayerMask);
        u = SignedUniform(word);
        x = u * X[layer];
        return Math.Abs(x) < X[layer + 1];
    }

    /// <summary>A standard normal draw from <paramref name="stream"/>'s next words (one word in about 99% of draws).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    public static double Next(ref LaneStream stream)
    {
        while (true)
        {
            ulong word = stream.Next();
            if (InnerRectangle(word, out int layer, out double u, out double x)) return x;
            if (layer == 0) return Tail(ref stream, u);
            // The wedge between the layer's inner and outer rectangle: accept under the density.
            if (F[layer + 1] + ((F[layer] - F[layer + 1]) * stream.NextOpenUniform()) < Density(x)) return x;
        }
    }

    /// <summary>Marsaglia's (1964) tail beyond R, on the side of u's sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    private static double Tail(ref LaneStream stream, double u)
    {
        double x, y;
        do
        {
            x = PortableMath.Log(stream.NextOpenUniform()) / R;
            y = PortableMath.Log(stream.NextOpenUniform());
        }
        while (-2.0 * y < x * x);
        return u < 0.0 ? x - R : R - x;
    }
}

using ILGPU.Algorithms;

namespace GreatModel.Kernels;

/// <summary>
/// The latent χ² draws in single precision (<c>--precision single</c>): the loop-free sum of
/// <see cref="DeviceRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite)"/> with 23-bit uniforms (each exponential term cut at 24·ln 2, an event
/// of probability 6·10⁻⁸) and float log and cos, for GPUs, where fp32
/// runs at twice the fp64 rate or more and has hardware log and cos paths. Only the variate is single: the caller
/// turns it into 1/U and the sums in double. Plain float arithmetic and bit casts, no library calls and no
/// integer-to-float conversions, so the CPU paths and the kernels give the same bits.
/// </summary>
public static class SingleRandom
{
    // fdlibm's e_logf.c: ln 2 in two parts and the four polynomial coefficients of R(z) for float (public: the SIMD twin
    // in Backends/Simd/VectorSingleMath reads them).

    /// <summary>ln 2's high part (fdlibm e_logf.c).</summary>
    public const float Ln2Hi = 6.9313812256e-01f;
    /// <summary>ln 2's low part.</summary>
    public const float Ln2Lo = 9.0580006145e-06f;
    /// <summary>R(z)'s coefficient 1.</summary>
    public const float Lg1 = 6.6666662693e-01f;
    /// <summary>R(z)'s coefficient 2.</summary>
    public const float Lg2 = 4.0000972152e-01f;
    /// <summary>R(z)'s coefficient 3.</summary>
    public const float Lg3 = 2.8498786688e-01f;
    /// <summary>R(z)'s coefficient 4.</summary>
    public const float Lg4 = 2.4279078841e-01f;

    // Minimax polynomials of sin and cos on [-π/4, π/4] for float accuracy (FreeBSD's k_sinf.c, k_cosf.c).
    /// <summary>sin's coefficient of z·x (k_sinf.c).</summary>
    public const float S1 = -0.166666666416265235595f;
    /// <summary>sin's coefficient 2.</summary>
    public const float S2 = 0.0083333293858894631756f;
    /// <summary>sin's coefficient 3.</summary>
    public const float S3 = -0.000198393348360966317347f;
    /// <summary>sin's coefficient 4.</summary>
    public const float S4 = 0.0000027183114939898219064f;
    /// <summary>cos's coefficient of z (k_cosf.c).</summary>
    public const float C0 = -0.499999997251031003120f;
    /// <summary>cos's coefficient 1.</summary>
    public const float C1 = 0.0416666233237390631894f;
    /// <summary>cos's coefficient 2.</summary>
    public const float C2 = -0.00138867637746099294692f;
    /// <summary>cos's coefficient 3.</summary>
    public const float C3 = 0.0000243904487962774090654f;

    /// <summary>2π rounded to float.</summary>
    public const float TwoPi = 6.28318530717958647692f;

    /// <summary>The bits of 1.0f: OR-ed with a 23-bit mantissa, a value in [1, 2).</summary>
    public const int OneBits = 0x3F80_0000;

    /// <summary>2^-24: half a step of the 23-bit uniform grid.</summary>
    public const float HalfStep = 5.9604644775390625e-08f;

    /// <summary>
    /// A uniform in the open interval (0, 1) from a word's top 23 bits: (k + 1/2)·2^-23, exact in float, made from
    /// the bits of 1 + k·2^-23 (no conversion instruction).
    /// </summary>
    /// <param name="word">A random 32-bit word.</param>
    /// <returns>u in (0, 1): at least 2^-24, at most 1 - 2^-24.</returns>
    public static float OpenUniform(uint word) => (BitConverter.Int32BitsToSingle(OneBits | (int)(word >> 9)) - 1.0f) + HalfStep;

    /// <summary>Natural logarithm of a positive normal float, fdlibm's e_logf.c (error about 1 ulp).</summary>
    /// <param name="x">Range: x ≥ 2^-126, finite (the uniforms and their products of up to four are).</param>
    /// <returns>ln x.</returns>
    public static float Log(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int k = (bits >> 23) - 127;
        int mantissa = bits & 0x007F_FFFF;
        // Fold m into [√2/2, √2): above √2's mantissa (0x3504F3), halve m and add 1 to k.
        int fold = mantissa > 0x0035_04F3 ? 1 : 0;
        k += fold;
        float f = BitConverter.Int32BitsToSingle(mantissa | (fold == 1 ? 0x3F00_0000 : OneBits)) - 1.0f;
        float s = f / (2.0f + f);
        float z = s * s;
        float w = z * z;
        float t1 = w * (Lg2 + w * Lg4);
        float t2 = z * (Lg1 + w * Lg3);
        float r = t2 + t1;
        float hfsq = 0.5f * f * f;
        float dk = BitConverter.Int32BitsToSingle(k + 0x4B40_0000) - 12582912.0f; // k as a float: the bits of 1.5·2^23 + k
        return dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
    }

    /// <summary>cos(2π u) for u in [0, 1], from the nearest quarter turn and float sine and cosine polynomials.</summary>
    /// <param name="u">Turns. Range: [0, 1].</param>
    /// <returns>cos(2π u), in [-1, 1].</returns>
    public static float CosTwoPi(float u)
    {
        float x = u * 4.0f + 0.5f;
        float nearest = (x + 12582912.0f) - 12582912.0f; // ties to even; floor below
        float q = nearest > x ? nearest - 1.0f : nearest;
        float r = TwoPi * (u - q * 0.25f);
        float z = r * r;
        if (q == 1.0f || q == 3.0f)
        {
            float sin = r + r * z * (S1 + z * (S2 + z * (S3 + z * S4)));
            return q == 1.0f ? -sin : sin;
        }
        float cos = 1.0f + z * (C0 + z * (C1 + z * (C2 + z * C3)));
        return q == 2.0f ? -cos : cos;
    }

    /// <summary>ln 2 rounded to float: the device log's factor from log₂.</summary>
    public const float Ln2 = 0.693147180559945309417f;

    /// <summary>
    /// ln x from the device's hardware log₂ (ILGPU's XMath.Log2 for float: lg2.approx.f32 on CUDA, one special-function
    /// instruction, absolute error of log₂ about 2⁻²²·⁶ for normal x), times ln 2. Where it serves: the latent χ² is −2 times a sum
    /// of such logs of products of uniforms, whose sum is about ν + 1, so an absolute error near 10⁻⁷ per log moves the variate
    /// by a relative 10⁻⁷, under the 23-bit uniforms' own grain. On the CPU accelerator, .NET's float log₂.
    /// </summary>
    /// <param name="x">Range: x ≥ 2^-126, finite.</param>
    /// <returns>ln x, to about 10⁻⁷ absolute.</returns>
    public static float DeviceLog(float x) => XMath.Log2(x) * Ln2;

    /// <summary>
    /// cos(2πu) from the device's hardware cosine (cos.approx.f32 on CUDA, absolute error about 2⁻²⁰·⁹ on [−π, π]): u above
    /// one half is taken as u − 1 (exact in float) so the argument stays in [−π, π]. It squares into the odd-k χ²'s normal term.
    /// </summary>
    /// <param name="u">Turns. Range: [0, 1].</param>
    /// <returns>cos(2πu), to about 5·10⁻⁷ absolute.</returns>
    public static float DeviceCosTwoPi(float u) => XMath.Cos(TwoPi * (u >= 0.5f ? u - 1.0f : u));

    /// <summary>
    /// χ²_k for an integer k (<see cref="ChiSquaredShape.LoopFreeDegrees"/>) in single precision, the loop-free sum
    /// -2·(log(u₁⋯u_m) + log(r)·cos²(2πθ)) with the word layout of <see cref="DeviceRandom.LoopFreeChiSquared(ChiSquaredShape, DrawSite)"/>
    /// (r from word 0 here, one word each).
    /// </summary>
    /// <param name="k">Its <see cref="ChiSquaredShape.LoopFreeDegrees"/> is k. Range: 1 ≤ k ≤ <see cref="ChiSquaredShape.LoopFreeMaxDegrees"/>.</param>
    /// <param name="site">The draw's key and counter words 0–2.</param>
    /// <returns>A χ²_k draw. Range: ≥ 0.</returns>
    public static float LoopFreeChiSquared(ChiSquaredShape k, DrawSite site) => LoopFreeChiSquared(k, site, deviceMath: 0);

    /// <summary>As above, with the logs and cosine from the device's hardware when <paramref name="deviceMath"/> is 1 (<see cref="SweepParameters.DeviceMath"/>).</summary>
    /// <param name="k">Its <see cref="ChiSquaredShape.LoopFreeDegrees"/> is k. Range: 1 ≤ k ≤ <see cref="ChiSquaredShape.LoopFreeMaxDegrees"/>.</param>
    /// <param name="site">The draw's key and counter words 0–2.</param>
    /// <param name="deviceMath">1: <see cref="DeviceLog"/> and <see cref="DeviceCosTwoPi"/>; 0: <see cref="Log"/> and <see cref="CosTwoPi"/>.</param>
    /// <returns>A χ²_k draw. Range: ≥ 0.</returns>
    public static float LoopFreeChiSquared(ChiSquaredShape k, DrawSite site, int deviceMath)
    {
        uint block = CounterSpace.DeviceTrialFirst;
        Block128 b = site.Block(block);
        float normalTerm = 0.0f;
        int wordsLeft = 4; // the block's words not yet used, from X0 on (each use shifts the next into X0)
        if (k.HasNormal)
        {
            float cos = deviceMath != 0 ? DeviceCosTwoPi(OpenUniform(b.X2)) : CosTwoPi(OpenUniform(b.X2));
            normalTerm = LogOf(OpenUniform(b.X0), deviceMath) * cos * cos;
            b = new Block128(b.X3, 0, 0, 0); // word 0 drew r, word 2 θ (word 1 unused: the double draw's layout); word 3 is next
            wordsLeft = 1;
        }
        // Products of at most four uniforms (≥ 2^-96) stay normal floats; eight (k = 16) would not, so the logs of
        // each four are added.
        float logs = 0.0f, product = 1.0f;
        for (int i = 0; i < k.UniformCount; i++)
        {
            if (wordsLeft == 0)
            {
                b = site.Block(++block);
                wordsLeft = 4;
            }
            product *= OpenUniform(b.X0);
            b = b.Shifted();
            wordsLeft--;
            if ((i & 3) == 3)
            {
                logs += LogOf(product, deviceMath);
                product = 1.0f;
            }
        }
        return -2.0f * ((logs + LogOf(product, deviceMath)) + normalTerm);
    }

    /// <summary>ln x by <see cref="DeviceLog"/> or <see cref="Log"/>.</summary>
    private static float LogOf(float x, int deviceMath) => deviceMath != 0 ? DeviceLog(x) : Log(x);
}

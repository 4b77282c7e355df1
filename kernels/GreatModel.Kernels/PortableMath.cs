using System.Runtime.CompilerServices;
namespace GreatModel.Kernels;

/// <summary>
/// Double-precision log / exp / cos(2πu) from +, -, *, / and bit casts only (fdlibm's algorithms and
/// coefficients, error below 1 ulp). Why not Math.*: on CUDA, ILGPU maps double Math.Log/Exp/Cos to a
/// slow software CORDIC routine; these compile to a few dozen PTX instructions, need no
/// EnableAlgorithms(), and give the same bits on the CPU accelerator and the native CPU path.
/// Arguments are trusted (finite, log's positive): kernels call them only on values that are.
/// </summary>
public static class PortableMath
{
    // The constants below are fdlibm's (e_log.c, e_exp.c, k_sin.c, k_cos.c), named as there. They are
    // public so that the vector twin (Backends/Simd/VectorMath) reads the very same values.

    /// <summary>High part of ln 2 (its low mantissa bits are zero, so k·Ln2Hi is exact for |k| &lt; 2000).</summary>
    public const double Ln2Hi = 6.93147180369123816490e-01;

    /// <summary>Low part of ln 2: ln 2 - <see cref="Ln2Hi"/>.</summary>
    public const double Ln2Lo = 1.90821492927058770002e-10;

    /// <summary>1 / ln 2.</summary>
    public const double InvLn2 = 1.44269504088896338700e+00;

    /// <summary>2π, rounded to double.</summary>
    public const double TwoPi = 6.28318530717958647692;

    /// <summary>The smallest positive normal double, 2^-1022: <see cref="Log"/> scales smaller arguments up.</summary>
    public const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>2^<see cref="SubnormalShift"/>: the factor that brings a subnormal argument of <see cref="Log"/> into the normal range.</summary>
    public const double TwoPowSubnormalShift = 18014398509481984.0;

    /// <summary>The power of two (54) by which <see cref="Log"/> scales subnormal arguments.</summary>
    public const int SubnormalShift = 54;

    /// <summary>The number of mantissa bits of a double (52): the exponent starts at this bit.</summary>
    public const int MantissaBits = 52;

    /// <summary>The exponent bias of a double (1023).</summary>
    public const int ExponentBias = 1023;

    /// <summary>The 52 mantissa bits of a double.</summary>
    public const long MantissaMask = 0x000FFFFFFFFFFFFFL;

    /// <summary>The mantissa bits of √2: above them <see cref="Log"/> folds m into [√2/2, 1) and adds 1 to the exponent.</summary>
    public const long SqrtTwoMantissa = 0x6A09E667F3BCDL;

    /// <summary>The sign and exponent bits of 1.0: OR-ed with a mantissa, a value in [1, 2).</summary>
    public const long OneExponentBits = 0x3FF0000000000000L;

    /// <summary>The sign and exponent bits of 0.5: OR-ed with a mantissa, a value in [0.5, 1).</summary>
    public const long HalfExponentBits = 0x3FE0000000000000L;

    /// <summary>The bits of 2^52: OR-ed with an integer k &lt; 2^52, the bits of the double 2^52 + k.</summary>
    public const ulong TwoPow52Bits = 0x4330_0000_0000_0000UL;

    /// <summary>2^52 as a double.</summary>
    public const double TwoPow52 = 4503599627370496.0;

    /// <summary>The bits of 1.5·2^52: added to an integer k (|k| &lt; 2^51), the bits of the double 1.5·2^52 + k.</summary>
    public const long ExactIntegerBits = 0x4338_0000_0000_0000L;

    /// <summary>1.5·2^52 as a double: subtracted from the above, k as a double, exactly.</summary>
    public const double ExactIntegerOffset = 6755399441055744.0;

    /// <summary>
    /// k as a double, exactly, with no integer-to-double conversion instruction (on a GPU those run at a quarter
    /// of the double-precision rate): the bits of 2^52 + k, minus 2^52. Vector twin: Backends/Simd/VectorPhilox.
    /// </summary>
    /// <param name="k">Range: 0 ≤ k &lt; 2^52.</param>
    /// <returns>(double)k.</returns>
    public static double UnsignedToDouble(ulong k) => BitConverter.Int64BitsToDouble((long)(k | TwoPow52Bits)) - TwoPow52;

    /// <summary>
    /// k as a double, exactly, with no conversion instruction: the bits of 1.5·2^52 + k, minus 1.5·2^52. Vector
    /// twin: in Backends/Simd/VectorMath.Log.
    /// </summary>
    /// <param name="k">Range: |k| &lt; 2^51.</param>
    /// <returns>(double)k.</returns>
    public static double SignedToDouble(long k) => BitConverter.Int64BitsToDouble(k + ExactIntegerBits) - ExactIntegerOffset;

    /// <summary>⌊x⌋ with no conversion instruction: the nearest integer (x + 1.5·2^52) - 1.5·2^52, less 1 where it is above x.</summary>
    /// <param name="x">Range: |x| &lt; 2^51.</param>
    /// <returns>⌊x⌋, as a double (+0 for -0, where Math.Floor gives -0).</returns>
    public static double Floor(double x)
    {
        double nearest = (x + ExactIntegerOffset) - ExactIntegerOffset;
        return nearest > x ? nearest - 1.0 : nearest;
    }

    /// <summary>Log polynomial coefficient Lg1 (of s² in R(z), fdlibm e_log.c).</summary>
    public const double Lg1 = 6.666666666666735130e-01;

    /// <summary>Log polynomial coefficient Lg2.</summary>
    public const double Lg2 = 3.999999999940941908e-01;

    /// <summary>Log polynomial coefficient Lg3.</summary>
    public const double Lg3 = 2.857142874366239149e-01;

    /// <summary>Log polynomial coefficient Lg4.</summary>
    public const double Lg4 = 2.222219843214978396e-01;

    /// <summary>Log polynomial coefficient Lg5.</summary>
    public const double Lg5 = 1.818357216161805012e-01;

    /// <summary>Log polynomial coefficient Lg6.</summary>
    public const double Lg6 = 1.531383769920937332e-01;

    /// <summary>Log polynomial coefficient Lg7.</summary>
    public const double Lg7 = 1.479819860511658591e-01;

    /// <summary>Exp remez coefficient P1 (fdlibm e_exp.c).</summary>
    public const double P1 = 1.66666666666666019037e-01;

    /// <summary>Exp remez coefficient P2.</summary>
    public const double P2 = -2.77777777770155933842e-03;

    /// <summary>Exp remez coefficient P3.</summary>
    public const double P3 = 6.61375632143793436117e-05;

    /// <summary>Exp remez coefficient P4.</summary>
    public const double P4 = -1.65339022054652515390e-06;

    /// <summary>Exp remez coefficient P5.</summary>
    public const double P5 = 4.13813679705723846039e-08;

    /// <summary>Sine kernel coefficient S1 (of x³, fdlibm k_sin.c).</summary>
    public const double S1 = -1.66666666666666324348e-01;

    /// <summary>Sine kernel coefficient S2.</summary>
    public const double S2 = 8.33333333332248946124e-03;

    /// <summary>Sine kernel coefficient S3.</summary>
    public const double S3 = -1.98412698298579493134e-04;

    /// <summary>Sine kernel coefficient S4.</summary>
    public const double S4 = 2.75573137070700676789e-06;

    /// <summary>Sine kernel coefficient S5.</summary>
    public const double S5 = -2.50507602534068634195e-08;

    /// <summary>Sine kernel coefficient S6.</summary>
    public const double S6 = 1.58969099521155010221e-10;

    /// <summary>Cosine kernel coefficient C1 (of x⁴, fdlibm k_cos.c).</summary>
    public const double C1 = 4.16666666666666019037e-02;

    /// <summary>Cosine kernel coefficient C2.</summary>
    public const double C2 = -1.38888888888741095749e-03;

    /// <summary>Cosine kernel coefficient C3.</summary>
    public const double C3 = 2.48015872894767294178e-05;

    /// <summary>Cosine kernel coefficient C4.</summary>
    public const double C4 = -2.75573143513906633035e-07;

    /// <summary>Cosine kernel coefficient C5.</summary>
    public const double C5 = 2.08757232129817482790e-09;

    /// <summary>Cosine kernel coefficient C6.</summary>
    public const double C6 = -1.13596475577881948265e-11;

    private const double ExpOverflowAbove = 709.782712893384;
    private const double ExpUnderflowBelow = -745.1332191019411;

    /// <summary>Natural logarithm, fdlibm's algorithm (error below 1 ulp). Vector twin: Backends/Simd/VectorMath.Log.</summary>
    /// <param name="x">The argument. Range: x &gt; 0, finite (subnormals included); other values are not checked.</param>
    /// <returns>ln x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    public static double Log(double x)
    {
        int k = -ExponentBias;
        if (x < SmallestNormal)
        {
            x *= TwoPowSubnormalShift; // bring subnormals into the normal range
            k -= SubnormalShift;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        k += (int)(bits >> MantissaBits);
        // Mantissa m in [1, 2); fold into [sqrt(2)/2, sqrt(2)) so that f = m - 1 is small.
        long mantissa = bits & MantissaMask;
        long scaled = mantissa | OneExponentBits;
        if (mantissa > SqrtTwoMantissa)
        {
            scaled = mantissa | HalfExponentBits;
            k += 1;
        }
        double f = BitConverter.Int64BitsToDouble(scaled) - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        double r = t2 + t1;
        double hfsq = 0.5 * f * f;
        double dk = SignedToDouble(k);
        return dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
    }

    /// <summary>e^x, fdlibm's algorithm (error below 1 ulp).</summary>
    /// <param name="x">The exponent. Range: finite.</param>
    /// <returns>e^x: 0 below -745.13, +∞ above 709.78, subnormal in between where e^x is.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    public static double Exp(double x)
    {
        if (x > ExpOverflowAbove) return double.PositiveInfinity;
        if (x < ExpUnderflowBelow) return 0.0;
        // x = k ln2 + r, |r| <= ln2/2.
        // k = kd ± 1/2 truncated toward zero (fdlibm's), kept as a double and read back as an integer from the
        // bits of 1.5·2^52 + k: no conversion instruction either way.
        double kd = x * InvLn2;
        double half = kd < 0 ? kd - 0.5 : kd + 0.5;
        double kk = half >= 0 ? Floor(half) : -Floor(-half);
        int k = (int)(BitConverter.DoubleToInt64Bits(kk + ExactIntegerOffset) - ExactIntegerBits);
        double hi = x - kk * Ln2Hi;
        double lo = kk * Ln2Lo;
        double r = hi - lo;
        double t = r * r;
        double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        return ScaleByPowerOfTwo(y, k);
    }

    /// <summary>
    /// cos(2π u) from the nearest quarter turn and fdlibm's sine and cosine kernels on the remainder.
    /// Vector twin: Backends/Simd/VectorMath.CosTwoPi.
    /// </summary>
    /// <param name="u">Turns. Range: u in [0, 1].</param>
    /// <returns>cos(2π u), in [-1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    public static double CosTwoPi(double u)
    {
        // Nearest quarter turn q (0 to 4; 4 is the turn itself), remainder r in [-π/4, π/4]; u - q/4 is exact.
        // q stays a double (Floor, not a cast): no conversion instruction, as in the vector twin.
        double q = Floor(u * 4.0 + 0.5);
        double r = TwoPi * (u - q * 0.25);
        // Both kernels, then the quadrant's by bit masks: straight-line code. With a branch per quadrant a GPU warp whose
        // lanes fell in all four ran all four (115 instructions on sm_90; benchmarks/gpu/sass-count.sh). The same values:
        // q = 1: −sin, 2: −cos, 3: sin, 0 and 4: cos; negation flips the sign bit, as unary minus does.
        long sin = BitConverter.DoubleToInt64Bits(SinKernel(r)), cos = BitConverter.DoubleToInt64Bits(CosKernel(r));
        long quarter = BitConverter.DoubleToInt64Bits(q + TwoPow52) & 3; // q's integer from its bits (no conversion); 4 → 0
        long odd = -(quarter & 1); // all ones for q = 1, 3 (the sine)
        long negate = ((quarter + 1) & 2) << 62; // the sign bit for q = 1, 2
        return BitConverter.Int64BitsToDouble(((sin & odd) | (cos & ~odd)) ^ negate);
    }

    /// <summary>sin x for |x| ≤ π/4 (fdlibm's __kernel_sin without the tail). Vector twin: VectorMath.SinKernel.</summary>
    private static double SinKernel(double x)
    {
        double z = x * x;
        double v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return x + v * (S1 + z * r);
    }

    /// <summary>cos x for |x| ≤ π/4 (fdlibm's __kernel_cos without the tail). Vector twin: VectorMath.CosKernel.</summary>
    private static double CosKernel(double x)
    {
        double z = x * x;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        double hz = 0.5 * z;
        double w = 1.0 - hz;
        return w + (((1.0 - w) - hz) + z * r);
    }

    /// <summary>y·2^k without forming 2^k (which is not a double for k &lt; -1022 or k &gt; 1023).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at the first call (the rare paths that call it would run tier-0 code for most of a run)
    private static double ScaleByPowerOfTwo(double y, int k)
    {
        // Two steps keep 2^k representable for k in [-1074, 1024].
        int half = k / 2;
        return y * BitConverter.Int64BitsToDouble((long)(half + ExponentBias) << MantissaBits)
                 * BitConverter.Int64BitsToDouble((long)(k - half + ExponentBias) << MantissaBits);
    }
}

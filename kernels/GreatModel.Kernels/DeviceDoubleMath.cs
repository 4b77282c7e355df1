using ILGPU.Runtime.Cuda;

namespace GreatModel.Kernels;

/// <summary>
/// The double-precision functions of CUDA's device path (<see cref="SweepParameters.DeviceMath"/>): a reciprocal from the
/// hardware's approximation (<c>rcp.approx.ftz.f64</c>, one special-function instruction) refined by Newton's method, and
/// fdlibm's log (<see cref="PortableMath.Log"/>) and cosine with that reciprocal in place of the IEEE division and only the
/// cosine the χ² needs (squared). Why: on a GPU an IEEE double division is about 15 instructions plus a slow path
/// of about 80 that every kernel carries, and the portable functions' branch-free cosine computes two polynomials;
/// together they took about 40% of a datum-update's instructions (benchmarks/gpu/sass-count.sh).
/// </summary>
/// <remarks>
/// Accuracy (tested against .NET's Math on the CPU, where the hardware approximation is emulated): the reciprocal within
/// 1 ulp; the log within 2 ulp; cos²(2πu) within 2⁻⁵¹ absolute and a few ulps relative. The draws are then not cpu's bit for
/// bit, which CUDA's never are (docs/CLI.md, "Backends"): they agree in law, and the posteriors within Monte Carlo error.
/// On any accelerator but CUDA (ILGPU's CPU accelerator runs this path in tests) the approximation is emulated: the
/// reciprocal of the argument's high word, its own low word zeroed, the same error as the hardware's (about 2⁻²⁰).
/// </remarks>
public static class DeviceDoubleMath
{
    /// <summary>The sign, exponent and top 20 mantissa bits of a double: what <c>rcp.approx.ftz.f64</c> reads and writes.</summary>
    private const long HighWordMask = unchecked((long)0xFFFF_FFFF_0000_0000UL);

    /// <summary>
    /// 1/x from the hardware's approximation and one cubic Newton step, y = r·(1 + e + e²) with e = 1 − x·r, in one
    /// inline-PTX block on CUDA (one block, so ILGPU writes one result, not five, to its local-memory slot for
    /// inline assembly). From an approximation within 2⁻¹⁹ the step leaves e³ ≈ 2⁻⁵⁷: the result is within 1 ulp.
    /// </summary>
    /// <param name="x">Range: 2⁻¹⁰²² ≤ |x| &lt; 2¹⁰²² (the approximation flushes subnormal arguments and results to zero).</param>
    /// <returns>1/x, within 1 ulp.</returns>
    public static double Reciprocal(double x)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit(
                "{ .reg .f64 r, e; rcp.approx.ftz.f64 r, %1; neg.f64 e, %1; fma.rn.f64 e, e, r, 0d3FF0000000000000; fma.rn.f64 e, e, e, e; fma.rn.f64 %0, e, r, r; }",
                out double y, x);
            return y;
        }
        return ReciprocalFromApproximation(x, EmulatedApproximateReciprocal(x));
    }

    /// <summary>
    /// The Newton step of <see cref="Reciprocal"/> from any approximation <paramref name="r"/> of 1/x: the CPU's stand-in for the
    /// inline PTX. It is unfused (Math.FusedMultiplyAdd has no PTX mapping in ILGPU 1.5, and this branch is compiled for CUDA
    /// too), so x·r rounds once where the GPU's fused multiply-add does not: up to 2⁻⁵³ more, still within 1 ulp in the tests.
    /// </summary>
    /// <param name="x">Range: as <see cref="Reciprocal"/>.</param>
    /// <param name="r">An approximation of 1/x. Range: relative error below 2⁻¹⁹ (then within 1 ulp).</param>
    /// <returns>1/x.</returns>
    public static double ReciprocalFromApproximation(double x, double r)
    {
        double e = 1.0 - (x * r);
        e = (e * e) + e;
        return (e * r) + r;
    }

    /// <summary>
    /// What <c>rcp.approx.ftz.f64</c> computes, to its error, over <see cref="Reciprocal"/>'s range: the reciprocal of x's high
    /// word (20 mantissa bits), its low word zeroed (the hardware also flushes subnormal arguments and results; this does not).
    /// </summary>
    /// <param name="x">Range: as <see cref="Reciprocal"/>.</param>
    /// <returns>1/x within about 2⁻¹⁹ relative.</returns>
    public static double EmulatedApproximateReciprocal(double x)
    {
        double high = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & HighWordMask);
        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0 / high) & HighWordMask);
    }

    /// <summary>
    /// ln x by fdlibm's algorithm (<see cref="PortableMath.Log"/>: the same reduction, polynomial and constants) with
    /// s = f/(2 + f) by <see cref="Reciprocal"/>, and without the subnormal branch its arguments never take.
    /// </summary>
    /// <param name="x">Range: 2⁻¹⁰²² ≤ x, finite (the χ² takes it of uniforms and of products of up to eight, all above 2⁻²⁶⁴).</param>
    /// <returns>ln x, within 2 ulp.</returns>
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int k = (int)(bits >> PortableMath.MantissaBits) - PortableMath.ExponentBias;
        long mantissa = bits & PortableMath.MantissaMask;
        long scaled = mantissa | PortableMath.OneExponentBits;
        if (mantissa > PortableMath.SqrtTwoMantissa) // a select, not a branch, on a GPU
        {
            scaled = mantissa | PortableMath.HalfExponentBits;
            k += 1;
        }
        double f = BitConverter.Int64BitsToDouble(scaled) - 1.0;
        double s = f * Reciprocal(2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (PortableMath.Lg2 + (w * (PortableMath.Lg4 + (w * PortableMath.Lg6))));
        double t2 = z * (PortableMath.Lg1 + (w * (PortableMath.Lg3 + (w * (PortableMath.Lg5 + (w * PortableMath.Lg7))))));
        double r = t2 + t1;
        double hfsq = 0.5 * f * f;
        double dk = PortableMath.SignedToDouble(k);
        return (dk * PortableMath.Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + (dk * PortableMath.Ln2Lo))) - f);
    }

    /// <summary>
    /// cos²(2πu), the odd-k χ²'s normal term's factor: with the nearest quarter turn q and x = 2π(u − q/4) in [−π/4, π/4],
    /// fdlibm's cosine kernel gives cos x = 1 − a (a = x²/2 − x⁴·r(x²), in [0, 0.293]); cos²(2πu) is then sin²x = a·(2 − a)
    /// for odd q, which keeps its relative accuracy near the zeros of the cosine (where 1 − cos² would cancel), and
    /// cos²x = 1 − sin²x for even q (at least 1/2 there, so nothing cancels). One polynomial serves every quadrant; the
    /// quadrant's form is chosen by bit masks (no branch for a warp to diverge on).
    /// </summary>
    /// <param name="u">Turns. Range: [0, 1].</param>
    /// <returns>cos²(2πu) in [0, 1], within 2⁻⁵¹ absolute and a few ulps relative.</returns>
    public static double CosSquaredTwoPi(double u)
    {
        double q = PortableMath.Floor((u * 4.0) + 0.5);
        double x = PortableMath.TwoPi * (u - (q * 0.25));
        double z = x * x;
        double r = z * (PortableMath.C1 + (z * (PortableMath.C2 + (z * (PortableMath.C3 + (z * (PortableMath.C4 + (z * (PortableMath.C5 + (z * PortableMath.C6))))))))));
        double a = (0.5 * z) - (z * r);
        double sin2 = a * (2.0 - a); // sin²x = 1 − (1 − a)², without the cancellation near sin x = 0
        double cos2 = 1.0 - sin2; // cos²x ≥ 1/2 for |x| ≤ π/4: no cancellation
        long odd = -(BitConverter.DoubleToInt64Bits(q + PortableMath.TwoPow52) & 1); // all ones for an odd quarter turn
        return BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(sin2) & odd) | (BitConverter.DoubleToInt64Bits(cos2) & ~odd));
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="PortableMath"/> four lanes at a time: the same operations in the same order (branches become
/// selects; no fused multiply-adds) on the same named constants, read from <see cref="PortableMath"/>, so each
/// lane gives the scalar result bit for bit (VectorKernelTests holds the twins equal).
/// </summary>
internal static class VectorMath
{
    /// <summary>The bits of 1.5·2^52: added to an integer k (|k| &lt; 2^51), the bits of the double 1.5·2^52 + k.</summary>
    private const long ExactIntegerBits = 0x4338_0000_0000_0000L;

    /// <summary>1.5·2^52 as a double: subtracted from the above, k as a double, exactly.</summary>
    private const double ExactIntegerOffset = 6755399441055744.0;

    /// <summary>A constant in every lane.</summary>
    private static Vector256<double> C(double value) => Vector256.Create(value);

    /// <summary>
    /// Natural logarithm of positive, finite lanes (other lanes give unspecified values). Scalar twin:
    /// <see cref="PortableMath.Log"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        var subnormal = Vector256.LessThan(x, C(PortableMath.SmallestNormal));
        x = Vector256.ConditionalSelect(subnormal, x * C(PortableMath.TwoPowSubnormalShift), x);
        var bits = x.AsInt64();
        var mantissa = bits & Vector256.Create(PortableMath.MantissaMask);
        var fold = Vector256.GreaterThan(mantissa, Vector256.Create(PortableMath.SqrtTwoMantissa));
        // k = exponent - bias (- shift for subnormals) (+ 1 when folded; masks are -1, so subtracting adds).
        var k = (bits >>> PortableMath.MantissaBits) - Vector256.Create((long)PortableMath.ExponentBias)
            - (subnormal.AsInt64() & Vector256.Create((long)PortableMath.SubnormalShift)) - fold;
        var scaled = mantissa | Vector256.ConditionalSelect(fold, Vector256.Create(PortableMath.HalfExponentBits),
            Vector256.Create(PortableMath.OneExponentBits));
        var f = scaled.AsDouble() - C(1.0);
        var s = f / (C(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (C(PortableMath.Lg2) + w * (C(PortableMath.Lg4) + w * C(PortableMath.Lg6)));
        var t2 = z * (C(PortableMath.Lg1) + w * (C(PortableMath.Lg3) + w * (C(PortableMath.Lg5) + w * C(PortableMath.Lg7))));
        var r = t2 + t1;
        var hfsq = C(0.5) * f * f;
        // k as a double, exactly: the bits of 1.5·2^52 + k, minus 1.5·2^52.
        var dk = (k + Vector256.Create(ExactIntegerBits)).AsDouble() - C(ExactIntegerOffset);
        return dk * C(PortableMath.Ln2Hi) - ((hfsq - (s * (hfsq + r) + dk * C(PortableMath.Ln2Lo))) - f);
    }

    /// <summary>cos(2π u) for lanes u in (0, 1). Scalar twin: <see cref="PortableMath.CosTwoPi"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> CosTwoPi(Vector256<double> u)
    {
        var q = Vector256.Floor(u * C(4.0) + C(0.5)); // the scalar (int) cast of a positive value
        var r = C(PortableMath.TwoPi) * (u - q * C(0.25));
        var odd = Vector256.Equals(q, C(1.0)) | Vector256.Equals(q, C(3.0));
        var negate = Vector256.Equals(q, C(1.0)) | Vector256.Equals(q, C(2.0));
        var value = Vector256.ConditionalSelect(odd, SinKernel(r), CosKernel(r));
        return Vector256.ConditionalSelect(negate, -value, value);
    }

    /// <summary>sin x for |x| ≤ π/4. Scalar twin: PortableMath.SinKernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SinKernel(Vector256<double> x)
    {
        var z = x * x;
        var v = z * x;
        var r = C(PortableMath.S2) + z * (C(PortableMath.S3) + z * (C(PortableMath.S4)
                + z * (C(PortableMath.S5) + z * C(PortableMath.S6))));
        return x + v * (C(PortableMath.S1) + z * r);
    }

    /// <summary>cos x for |x| ≤ π/4. Scalar twin: PortableMath.CosKernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> CosKernel(Vector256<double> x)
    {
        var z = x * x;
        var r = z * (C(PortableMath.C1) + z * (C(PortableMath.C2) + z * (C(PortableMath.C3)
                + z * (C(PortableMath.C4) + z * (C(PortableMath.C5) + z * C(PortableMath.C6))))));
        var hz = C(0.5) * z;
        var w = C(1.0) - hz;
        return w + (((C(1.0) - w) - hz) + z * r);
    }
}

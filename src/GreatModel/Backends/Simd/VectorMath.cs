using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="PortableMath"/> eight lanes at a time (Vector512: native with AVX-512, two Vector256 halves with AVX2): the same operations in the same order (branches become
/// selects; no fused multiply-adds) on the same named constants, read from <see cref="PortableMath"/>, so each
/// lane gives the scalar result bit for bit (VectorKernelTests holds the twins equal).
/// </summary>
internal static class VectorMath
{
    /// <summary>A constant in every lane.</summary>
    private static Vector512<double> C(double value) => Vector512.Create(value);

    /// <summary>
    /// Natural logarithm of positive, finite lanes (other lanes give unspecified values). Scalar twin:
    /// <see cref="PortableMath.Log"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        var subnormal = Vector512.LessThan(x, C(PortableMath.SmallestNormal));
        x = Vector512.ConditionalSelect(subnormal, x * C(PortableMath.TwoPowSubnormalShift), x);
        var bits = x.AsInt64();
        var mantissa = bits & Vector512.Create(PortableMath.MantissaMask);
        var fold = Vector512.GreaterThan(mantissa, Vector512.Create(PortableMath.SqrtTwoMantissa));
        // k = exponent - bias (- shift for subnormals) (+ 1 when folded; masks are -1, so subtracting adds).
        var k = (bits >>> PortableMath.MantissaBits) - Vector512.Create((long)PortableMath.ExponentBias)
            - (subnormal.AsInt64() & Vector512.Create((long)PortableMath.SubnormalShift)) - fold;
        var scaled = mantissa | Vector512.ConditionalSelect(fold, Vector512.Create(PortableMath.HalfExponentBits),
            Vector512.Create(PortableMath.OneExponentBits));
        var f = scaled.AsDouble() - C(1.0);
        var s = f / (C(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (C(PortableMath.Lg2) + w * (C(PortableMath.Lg4) + w * C(PortableMath.Lg6)));
        var t2 = z * (C(PortableMath.Lg1) + w * (C(PortableMath.Lg3) + w * (C(PortableMath.Lg5) + w * C(PortableMath.Lg7))));
        var r = t2 + t1;
        var hfsq = C(0.5) * f * f;
        // k as a double, exactly: the bits of 1.5·2^52 + k, minus 1.5·2^52 (scalar twin: PortableMath.SignedToDouble).
        var dk = (k + Vector512.Create(PortableMath.ExactIntegerBits)).AsDouble() - C(PortableMath.ExactIntegerOffset);
        return dk * C(PortableMath.Ln2Hi) - ((hfsq - (s * (hfsq + r) + dk * C(PortableMath.Ln2Lo))) - f);
    }

    /// <summary>cos(2π u) for lanes u in [0, 1]. Scalar twin: <see cref="PortableMath.CosTwoPi"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> CosTwoPi(Vector512<double> u)
    {
        var q = Vector512.Floor(u * C(4.0) + C(0.5)); // the scalar (int) cast of a positive value
        var r = C(PortableMath.TwoPi) * (u - q * C(0.25));
        var odd = Vector512.Equals(q, C(1.0)) | Vector512.Equals(q, C(3.0));
        var negate = Vector512.Equals(q, C(1.0)) | Vector512.Equals(q, C(2.0));
        var value = Vector512.ConditionalSelect(odd, SinKernel(r), CosKernel(r));
        return Vector512.ConditionalSelect(negate, -value, value);
    }

    /// <summary>sin x for |x| ≤ π/4. Scalar twin: PortableMath.SinKernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SinKernel(Vector512<double> x)
    {
        var z = x * x;
        var v = z * x;
        var r = C(PortableMath.S2) + z * (C(PortableMath.S3) + z * (C(PortableMath.S4)
                + z * (C(PortableMath.S5) + z * C(PortableMath.S6))));
        return x + v * (C(PortableMath.S1) + z * r);
    }

    /// <summary>cos x for |x| ≤ π/4. Scalar twin: PortableMath.CosKernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> CosKernel(Vector512<double> x)
    {
        var z = x * x;
        var r = z * (C(PortableMath.C1) + z * (C(PortableMath.C2) + z * (C(PortableMath.C3)
                + z * (C(PortableMath.C4) + z * (C(PortableMath.C5) + z * C(PortableMath.C6))))));
        var hz = C(0.5) * z;
        var w = C(1.0) - hz;
        return w + (((C(1.0) - w) - hz) + z * r);
    }
}

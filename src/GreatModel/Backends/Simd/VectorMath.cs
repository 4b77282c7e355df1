using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="GreatModel.Kernels.PortableMath"/> four lanes at a time: the same operations in the same
/// order (branches become selects; no fused multiply-adds), so each lane gives the scalar result bit for bit.
/// </summary>
internal static class VectorMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double TwoPi = 6.28318530717958647692;

    private static Vector256<double> C(double value) => Vector256.Create(value);

    /// <summary>Natural logarithm of positive, finite lanes (other lanes give unspecified values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        var subnormal = Vector256.LessThan(x, C(2.2250738585072014e-308));
        x = Vector256.ConditionalSelect(subnormal, x * C(18014398509481984.0), x);
        var bits = x.AsInt64();
        var mantissa = bits & Vector256.Create(0x000F_FFFF_FFFF_FFFFL);
        var fold = Vector256.GreaterThan(mantissa, Vector256.Create(0x6A09E667F3BCDL));
        // k = exponent - 1023 (- 54 for subnormals) (+ 1 when folded; masks are -1, so subtracting adds).
        var k = (bits >>> 52) - Vector256.Create(1023L) - (subnormal.AsInt64() & Vector256.Create(54L)) - fold;
        var scaled = mantissa | Vector256.ConditionalSelect(fold, Vector256.Create(0x3FE0_0000_0000_0000L), Vector256.Create(0x3FF0_0000_0000_0000L));
        var f = scaled.AsDouble() - C(1.0);
        var s = f / (C(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (C(3.999999999940941908e-01) + w * (C(2.222219843214978396e-01) + w * C(1.531383769920937332e-01)));
        var t2 = z * (C(6.666666666666735130e-01) + w * (C(2.857142874366239149e-01) + w * (C(1.818357216161805012e-01) + w * C(1.479819860511658591e-01))));
        var r = t2 + t1;
        var hfsq = C(0.5) * f * f;
        // k as a double, exactly: the bits of 1.5·2^52 + k, minus 1.5·2^52.
        var dk = (k + Vector256.Create(0x4338_0000_0000_0000L)).AsDouble() - C(6755399441055744.0);
        return dk * C(Ln2Hi) - ((hfsq - (s * (hfsq + r) + dk * C(Ln2Lo))) - f);
    }

    /// <summary>cos(2π u) for lanes u in (0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> CosTwoPi(Vector256<double> u)
    {
        var q = Vector256.Floor(u * C(4.0) + C(0.5)); // the scalar (int) cast of a positive value
        var r = C(TwoPi) * (u - q * C(0.25));
        var odd = Vector256.Equals(q, C(1.0)) | Vector256.Equals(q, C(3.0));
        var negate = Vector256.Equals(q, C(1.0)) | Vector256.Equals(q, C(2.0));
        var value = Vector256.ConditionalSelect(odd, SinKernel(r), CosKernel(r));
        return Vector256.ConditionalSelect(negate, -value, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SinKernel(Vector256<double> x)
    {
        var z = x * x;
        var v = z * x;
        var r = C(8.33333333332248946124e-03) + z * (C(-1.98412698298579493134e-04) + z * (C(2.75573137070700676789e-06)
                + z * (C(-2.50507602534068634195e-08) + z * C(1.58969099521155010221e-10))));
        return x + v * (C(-1.66666666666666324348e-01) + z * r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> CosKernel(Vector256<double> x)
    {
        var z = x * x;
        var r = z * (C(4.16666666666666019037e-02) + z * (C(-1.38888888888741095749e-03) + z * (C(2.48015872894767294178e-05)
                + z * (C(-2.75573143513906633035e-07) + z * (C(2.08757232129817482790e-09) + z * C(-1.13596475577881948265e-11))))));
        var hz = C(0.5) * z;
        var w = C(1.0) - hz;
        return w + (((C(1.0) - w) - hz) + z * r);
    }
}

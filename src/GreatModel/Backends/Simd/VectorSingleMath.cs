using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="SingleRandom"/>'s float uniform, log and cos(2π·) on eight lanes at once (<c>--precision single</c> on the cpu
/// backend): the same float operations in the same order, branches as lane selects, so every lane gives the scalar bits (no
/// fused multiply-add: RyuJIT never contracts). Eight floats are one Vector256, native wherever the vector paths run.
/// </summary>
internal static class VectorSingleMath
{
    private static Vector256<float> C(float value) => Vector256.Create(value);

    /// <summary>The low 32 bits of each of eight 64-bit lanes (a Philox word per lane) as eight 32-bit lanes, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Words(Vector512<ulong> word) => Vector256.Narrow(word.GetLower(), word.GetUpper());

    /// <summary>Lane-wise <see cref="SingleRandom.OpenUniform"/>: (k + 1/2)·2^-23 from each word's top 23 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> OpenUniform(Vector256<uint> word) =>
        (((word >>> 9) | Vector256.Create((uint)SingleRandom.OneBits)).AsSingle() - C(1.0f)) + C(SingleRandom.HalfStep);

    /// <summary>Lane-wise <see cref="SingleRandom.Log"/> of positive normal floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var k = (bits >> 23) - Vector256.Create(127);
        var mantissa = bits & Vector256.Create(0x007F_FFFF);
        var fold = Vector256.GreaterThan(mantissa, Vector256.Create(0x0035_04F3)); // all ones where m > √2's mantissa
        k -= fold; // + 1 where folded
        var f = (mantissa | Vector256.ConditionalSelect(fold, Vector256.Create(0x3F00_0000), Vector256.Create(SingleRandom.OneBits))).AsSingle() - C(1.0f);
        var s = f / (C(2.0f) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (C(SingleRandom.Lg2) + w * C(SingleRandom.Lg4));
        var t2 = z * (C(SingleRandom.Lg1) + w * C(SingleRandom.Lg3));
        var r = t2 + t1;
        var hfsq = C(0.5f) * f * f;
        var dk = (k + Vector256.Create(0x4B40_0000)).AsSingle() - C(12582912.0f);
        return dk * C(SingleRandom.Ln2Hi) - ((hfsq - (s * (hfsq + r) + dk * C(SingleRandom.Ln2Lo))) - f);
    }

    /// <summary>Lane-wise <see cref="SingleRandom.CosTwoPi"/> for u in [0, 1]: both polynomials, the quadrant's chosen by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CosTwoPi(Vector256<float> u)
    {
        var x = u * C(4.0f) + C(0.5f);
        var nearest = (x + C(12582912.0f)) - C(12582912.0f);
        var q = Vector256.ConditionalSelect(Vector256.GreaterThan(nearest, x), nearest - C(1.0f), nearest);
        var r = C(SingleRandom.TwoPi) * (u - q * C(0.25f));
        var z = r * r;
        var sin = r + r * z * (C(SingleRandom.S1) + z * (C(SingleRandom.S2) + z * (C(SingleRandom.S3) + z * C(SingleRandom.S4))));
        var cos = C(1.0f) + z * (C(SingleRandom.C0) + z * (C(SingleRandom.C1) + z * (C(SingleRandom.C2) + z * C(SingleRandom.C3))));
        var odd = Vector256.Equals(q, C(1.0f)) | Vector256.Equals(q, C(3.0f));
        var negate = Vector256.Equals(q, C(1.0f)) | Vector256.Equals(q, C(2.0f));
        var value = Vector256.ConditionalSelect(odd, sin, cos);
        return Vector256.ConditionalSelect(negate, -value, value);
    }

    /// <summary>Eight floats widened to eight doubles, exactly (lane order kept).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Widen(Vector256<float> value) =>
        Vector256.WidenLower(value).ToVector512Unsafe().WithUpper(Vector256.WidenUpper(value));
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// <see cref="LogProduct"/> lane-wise: each lane multiplies its values' mantissas and adds their exponents in the scalar
/// code's order, so <see cref="Log"/> of a lane is the scalar one bit for bit. Lanes not <c>live</c> in an
/// <see cref="Add"/> multiply by 1 and add 0.
/// </summary>
internal struct VectorLogProduct
{
    /// <summary>Π m per lane. Starts at 1.</summary>
    public Vector512<double> Mantissas;

    /// <summary>Σ e per lane.</summary>
    public Vector512<long> Exponents;

    /// <summary>The empty product in every lane.</summary>
    public static VectorLogProduct Empty => new() { Mantissas = Vector512<double>.One, Exponents = Vector512<long>.Zero };

    /// <summary>Adds log v in the <paramref name="live"/> lanes (all-ones masks).</summary>
    /// <param name="v">Values. Range: &gt; 0, finite in live lanes (others are ignored).</param>
    /// <param name="live">Which lanes take part.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Vector512<double> v, Vector512<double> live)
    {
        var subnormal = Vector512.LessThan(v, Vector512.Create(PortableMath.SmallestNormal));
        v = Vector512.ConditionalSelect(subnormal, v * Vector512.Create(PortableMath.TwoPowSubnormalShift), v);
        var bits = v.AsInt64();
        var exponent = (bits >> PortableMath.MantissaBits) - Vector512.Create((long)PortableMath.ExponentBias)
            - (subnormal.AsInt64() & Vector512.Create((long)PortableMath.SubnormalShift));
        var mantissa = ((bits & Vector512.Create(PortableMath.MantissaMask)) | Vector512.Create(PortableMath.OneExponentBits)).AsDouble();
        // A live lane whose v is 0, infinite or NaN makes its sum NaN, as the scalar Add does.
        var invalid = ~Vector512.GreaterThan(v, Vector512<double>.Zero) | Vector512.GreaterThan(v, Vector512.Create(double.MaxValue));
        mantissa = Vector512.ConditionalSelect(invalid, Vector512.Create(double.NaN), mantissa);
        Mantissas *= Vector512.ConditionalSelect(live, mantissa, Vector512<double>.One);
        Exponents += exponent & live.AsInt64();
    }

    /// <summary>Lane <paramref name="k"/>'s Σ log v, by the scalar <see cref="LogProduct.Finish"/>.</summary>
    public readonly double Log(int k) => LogProduct.Finish(Mantissas.GetElement(k), Exponents.GetElement(k));

    /// <summary>
    /// Every lane's Σ log v at once: <see cref="LogProduct.Finish"/>'s operations lane-wise (one vector logarithm, not eight
    /// scalar ones; the integer-to-double conversion by the same bit trick as <see cref="PortableMath.SignedToDouble"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Vector512<double> Logs()
    {
        var logs = VectorMath.Log(Mantissas)
            + (((Exponents + Vector512.Create(PortableMath.ExactIntegerBits)).AsDouble() - Vector512.Create(PortableMath.ExactIntegerOffset))
                * Vector512.Create(LogProduct.Ln2));
        return Vector512.ConditionalSelect(Vector512.Equals(Mantissas, Mantissas), logs, Vector512.Create(double.NaN)); // NaN lanes stay NaN
    }
}

using System.Runtime.Intrinsics;

namespace GreatModel.Backends.Simd;

/// <summary>
/// Four 32-bit Philox words per lane group: word k of the eight blocks computed side by side, each value in
/// the low half of a 64-bit lane (so one unsigned 32×32→64 multiply per lane gives hi and lo at once).
/// </summary>
internal struct PhiloxLanes
{
    /// <summary>Word k (0–3) of the eight blocks: lane j holds block j's word, in its low 32 bits.</summary>
    public Vector512<ulong> X0, X1, X2, X3;

}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// Philox4x32-10 on eight counters at once (one Vector512; two Vector256 halves where the CPU has only AVX2): the same rounds as <see cref="Philox4x32"/> on its constants,
/// so every lane's block is bit for bit the scalar one (scalar twin: <see cref="Philox4x32.Generate"/>).
/// </summary>
internal static class VectorPhilox
{
    /// <summary>Round keys of one key: (key0, key1) for each of the <see cref="Philox4x32.Rounds"/> rounds.</summary>
    public const int RoundKeyCount = 2 * Philox4x32.Rounds;

    /// <summary>
    /// The <see cref="RoundKeyCount"/> round keys (key0, key1 per round), broadcast: computed once per tile,
    /// not per block. The key schedule of <see cref="Philox4x32.Generate"/>.
    /// </summary>
    public static void RoundKeys(uint key0, uint key1, Span<Vector512<ulong>> keys)
    {
        for (int round = 0; round < Philox4x32.Rounds; round++)
        {
            keys[2 * round] = Vector512.Create((ulong)key0);
            keys[(2 * round) + 1] = Vector512.Create((ulong)key1);
            key0 += Philox4x32.W0;
            key1 += Philox4x32.W1;
        }
    }

    /// <summary>Eight blocks at once (lane k of <paramref name="c"/> is counter k): <see cref="Philox4x32.Generate"/> lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PhiloxLanes Generate(PhiloxLanes c, ReadOnlySpan<Vector512<ulong>> roundKeys)
    {
        var d = c;
        GeneratePair(ref c, ref d, roundKeys);
        return c;
    }

    /// <summary>
    /// Two sets of eight blocks, round by round side by side: a round is a chain of dependent
    /// multiply → shift → xor steps, and two independent chains keep the vector units busy. The words are
    /// copied into locals for the rounds and written back once: worked on through the references, the JIT
    /// kept them in memory and every round waited on a store and a load (measured: the host streams' refill
    /// took about twice as long).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GeneratePair(ref PhiloxLanes a, ref PhiloxLanes b, ReadOnlySpan<Vector512<ulong>> roundKeys) =>
        GeneratePair(ref a, ref b, new TabledRoundKeys(roundKeys));

    /// <summary>
    /// <see cref="GeneratePair(ref PhiloxLanes, ref PhiloxLanes, ReadOnlySpan{Vector512{ulong}})"/> with the round keys from
    /// <paramref name="keys"/> (a table, or the schedule computed as the rounds go: <see cref="ScheduledRoundKeys"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GeneratePair<TKeys>(ref PhiloxLanes a, ref PhiloxLanes b, TKeys keys)
        where TKeys : struct, IRoundKeys, allows ref struct
    {
        var low = Vector512.Create(0xFFFF_FFFFUL);
        var m0 = Vector512.Create((ulong)Philox4x32.M0);
        var m1 = Vector512.Create((ulong)Philox4x32.M1);
        Vector512<ulong> a0 = a.X0, a1 = a.X1, a2 = a.X2, a3 = a.X3;
        Vector512<ulong> b0 = b.X0, b1 = b.X1, b2 = b.X2, b3 = b.X3;
        for (int round = 0; round < Philox4x32.Rounds; round++)
        {
            var k0 = keys.Key0(round);
            var k1 = keys.Key1(round);
            var pa0 = MultiplyLow32(m0, a0);
            var pb0 = MultiplyLow32(m0, b0);
            var pa1 = MultiplyLow32(m1, a2);
            var pb1 = MultiplyLow32(m1, b2);
            a0 = (pa1 >>> 32) ^ a1 ^ k0;
            b0 = (pb1 >>> 32) ^ b1 ^ k0;
            a2 = (pa0 >>> 32) ^ a3 ^ k1;
            b2 = (pb0 >>> 32) ^ b3 ^ k1;
            a1 = pa1 & low;
            b1 = pb1 & low;
            a3 = pa0 & low;
            b3 = pb0 & low;
        }
        a = new PhiloxLanes { X0 = a0, X1 = a1, X2 = a2, X3 = a3 };
        b = new PhiloxLanes { X0 = b0, X1 = b1, X2 = b2, X3 = b3 };
    }

    /// <summary>Full 64-bit products of the low 32 bits of each lane (one vpmuludq with AVX-512, two with AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> MultiplyLow32(Vector512<ulong> a, Vector512<ulong> b)
    {
        if (Avx512F.IsSupported) return Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        if (Avx2.IsSupported)
        {
            return Vector512.Create(Avx2.Multiply(a.GetLower().AsUInt32(), b.GetLower().AsUInt32()),
                Avx2.Multiply(a.GetUpper().AsUInt32(), b.GetUpper().AsUInt32()));
        }
        return a * b; // the lanes hold 32-bit values, so the 64-bit product is the full one
    }

    /// <summary>Lane-wise <see cref="Philox4x32.OpenUniform53"/> (its scalar twin).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> OpenUniform53(Vector512<ulong> hi, Vector512<ulong> lo)
    {
        return OpenUniform52((hi << (Philox4x32.OpenUniformBits - 32)) ^ (lo >>> (64 - Philox4x32.OpenUniformBits)));
    }

    /// <summary>
    /// (k + 1/2)·2^-52 for 52-bit lanes k: a uniform in the open interval (0, 1); the last step of
    /// <see cref="Philox4x32.OpenUniform53"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> OpenUniform52(Vector512<ulong> k) =>
        (ExactDouble(k) + Vector512.Create(0.5)) * Vector512.Create(Philox4x32.OpenUniform52Scale);

    /// <summary>Lane-wise <see cref="Philox4x32.OpenUniform32"/> (its scalar twin).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> OpenUniform32(Vector512<ulong> word) =>
        (ExactDouble(word) + Vector512.Create(0.5)) * Vector512.Create(Philox4x32.OpenUniform32Scale);

    /// <summary>k as a double, exactly, for k &lt; 2^52 (AVX2 has no u64→f64). Scalar twin: <see cref="PortableMath.UnsignedToDouble"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExactDouble(Vector512<ulong> k) =>
        (k | Vector512.Create(PortableMath.TwoPow52Bits)).AsDouble() - Vector512.Create(PortableMath.TwoPow52);
}

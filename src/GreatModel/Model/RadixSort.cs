using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GreatModel.Model;

/// <summary>
/// Sorts finite doubles in increasing order by a least-significant-digit radix sort of their bits: six passes of 11 bits,
/// each a counting scatter into one buffer as large as the values. O(n), where Array.Sort's introsort is O(n log n): at
/// n = 10⁷ on a 2-core EPYC, 0.25 s against 1.1 s (the order statistics of a large data file were a quarter of a minimal
/// fit's time). Below <see cref="IntrosortBelow"/> values, Array.Sort, which is faster there.
/// </summary>
/// <remarks>
/// The bits of a double are made to order as unsigned integers do (negative values: every bit flipped; others: the sign bit
/// set), sorted, and turned back. The result is Array.Sort's but for −0 and +0, which Array.Sort leaves in any order (they are
/// equal) and this puts −0 first. A digit that every value shares skips its pass.
/// </remarks>
internal static class RadixSort
{
    /// <summary>Below this many values Array.Sort is used.</summary>
    public const int IntrosortBelow = 1 << 16;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;
    private const ulong SignBit = 1UL << 63;

    /// <summary>Sorts <paramref name="values"/> in place.</summary>
    /// <param name="values">Finite values (NaN would sort by its bits).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per data set: tier-0 code would run its loops until on-stack replacement
    public static void Sort(double[] values)
    {
        if (values.Length < IntrosortBelow)
        {
            Array.Sort(values);
            return;
        }
        var keys = MemoryMarshal.Cast<double, ulong>(values.AsSpan());
        var counts = new int[Passes * Buckets];
        for (int i = 0; i < keys.Length; i++)
        {
            ulong key = ToOrdered(keys[i]);
            keys[i] = key;
            for (int pass = 0; pass < Passes; pass++) counts[(pass * Buckets) + Digit(key, pass)]++;
        }
        var buffer = GC.AllocateUninitializedArray<ulong>(keys.Length);
        Span<ulong> from = keys, to = buffer;
        for (int pass = 0; pass < Passes; pass++)
        {
            var histogram = counts.AsSpan(pass * Buckets, Buckets);
            if (histogram[Digit(from[0], pass)] == from.Length) continue; // every value has this digit: nothing moves
            int offset = 0;
            for (int b = 0; b < Buckets; b++) (histogram[b], offset) = (offset, offset + histogram[b]);
            foreach (ulong key in from) to[histogram[Digit(key, pass)]++] = key;
            var swap = from;
            from = to;
            to = swap;
        }
        if (from != keys) from.CopyTo(keys);
        for (int i = 0; i < keys.Length; i++) keys[i] = FromOrdered(keys[i]);
    }

    private static int Digit(ulong key, int pass) => (int)(key >> (pass * DigitBits)) & (Buckets - 1);

    /// <summary>A double's bits as an unsigned integer in the double's order.</summary>
    private static ulong ToOrdered(ulong bits) => (bits & SignBit) != 0 ? ~bits : bits | SignBit;

    /// <summary>The inverse of <see cref="ToOrdered"/>.</summary>
    private static ulong FromOrdered(ulong key) => (key & SignBit) != 0 ? key & ~SignBit : ~key;
}

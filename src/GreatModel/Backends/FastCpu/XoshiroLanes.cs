using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Backends.Simd;
using GreatModel.Kernels;

namespace GreatModel.Backends.FastCpu;

/// <summary>Eight <see cref="LaneStream"/> states side by side: word k of each in lane k of S0..S3.</summary>
internal struct XoshiroLanes
{
    /// <summary>State word k (0–3) of the eight streams, stream j in lane j.</summary>
    public Vector512<ulong> S0, S1, S2, S3;

    /// <summary>
    /// The eight main streams 0–7 of one (chain, sweep, tile), as <see cref="LaneStream.Seeded"/> seeds them:
    /// their sixteen Philox seed blocks in two vector passes rather than sixteen scalar ones (for the talk's
    /// n = 500 the scalar seeding cost a third of the tile).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static XoshiroLanes Seeded(uint key0, uint key1, int chain, uint sweep, int tile, ReadOnlySpan<Vector512<ulong>> roundKeys)
    {
        var word3 = Vector512.Create((ulong)LaneStream.SeedWord) + (Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * 2);
        var first = new PhiloxLanes
        {
            X0 = Vector512.Create((ulong)(uint)tile),
            X1 = Vector512.Create((ulong)sweep),
            X2 = Vector512.Create((ulong)(uint)chain),
            X3 = word3,
        };
        var second = first;
        second.X3 = word3 + Vector512<ulong>.One;
        VectorPhilox.GeneratePair(ref first, ref second, roundKeys);
        var lanes = new XoshiroLanes
        {
            S0 = (first.X0 << 32) | first.X1,
            S1 = (first.X2 << 32) | first.X3,
            S2 = (second.X0 << 32) | second.X1,
            S3 = (second.X2 << 32) | second.X3,
        };
        // LaneStream's constructor: the all-zero state, which xoshiro cannot leave, becomes (1, 0, 0, 0).
        var zero = Vector512.Equals(lanes.S0 | lanes.S1 | lanes.S2 | lanes.S3, Vector512<ulong>.Zero);
        lanes.S0 |= zero & Vector512<ulong>.One;
        return lanes;
    }

    /// <summary><see cref="LaneStream.Next"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Next() => Next(ref S0, ref S1, ref S2, ref S3);

    /// <summary>
    /// <see cref="Next()"/> on state words held in four locals: a hot loop keeps them in registers this way
    /// (the JIT would not promote the struct's 256 bytes; through it, every step went through memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Next(ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        var sum = s0 + s3;
        var result = ((sum << LaneStream.ResultRotation) | (sum >>> (64 - LaneStream.ResultRotation))) + s0;
        var t = s1 << LaneStream.StateShift;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << LaneStream.StateRotation) | (s3 >>> (64 - LaneStream.StateRotation));
        return result;
    }
}

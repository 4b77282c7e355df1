using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GreatModel.Backends.FastCpu;

/// <summary>Four <see cref="LaneStream"/> states side by side: word k of each in lane k of S0..S3.</summary>
internal struct XoshiroLanes
{
    /// <summary>State word k (0–3) of the four streams, stream j in lane j.</summary>
    public Vector256<ulong> S0, S1, S2, S3;

    /// <summary>The four main streams 0–3 of one (chain, sweep, tile), as <see cref="LaneStream.Seeded"/> seeds them.</summary>
    public static XoshiroLanes Seeded(uint key0, uint key1, int chain, uint sweep, int tile)
    {
        var l0 = LaneStream.Seeded(key0, key1, chain, sweep, tile, 0);
        var l1 = LaneStream.Seeded(key0, key1, chain, sweep, tile, 1);
        var l2 = LaneStream.Seeded(key0, key1, chain, sweep, tile, 2);
        var l3 = LaneStream.Seeded(key0, key1, chain, sweep, tile, 3);
        return new XoshiroLanes
        {
            S0 = Vector256.Create(l0.S0, l1.S0, l2.S0, l3.S0),
            S1 = Vector256.Create(l0.S1, l1.S1, l2.S1, l3.S1),
            S2 = Vector256.Create(l0.S2, l1.S2, l2.S2, l3.S2),
            S3 = Vector256.Create(l0.S3, l1.S3, l2.S3, l3.S3),
        };
    }

    /// <summary><see cref="LaneStream.Next"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Next()
    {
        var sum = S0 + S3;
        var result = ((sum << LaneStream.ResultRotation) | (sum >>> (64 - LaneStream.ResultRotation))) + S0;
        var t = S1 << LaneStream.StateShift;
        S2 ^= S0;
        S3 ^= S1;
        S1 ^= S2;
        S0 ^= S3;
        S2 ^= t;
        S3 = (S3 << LaneStream.StateRotation) | (S3 >>> (64 - LaneStream.StateRotation));
        return result;
    }
}

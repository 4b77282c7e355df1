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
    /// n = 500 the scalar seeding cost a third of the tile), the round keys computed as they go (one pair per key).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static XoshiroLanes Seeded(uint key0, uint key1, int chain, uint sweep, int tile)
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
        VectorPhilox.GeneratePair(ref first, ref second, new ScheduledRoundKeys(key0, key1));
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

    /// <summary><see cref="LaneStream.Next"/> in every lane (one step of <see cref="Fill"/>).</summary>
    public Vector512<ulong> Next()
    {
        Span<Vector512<ulong>> word = stackalloc Vector512<ulong>[1];
        Fill(word);
        return word[0];
    }

    /// <summary>
    /// The next <c>words.Length</c> words of every lane, in order: <see cref="LaneStream.Next"/> lane-wise, the one
    /// vector statement of the xoshiro256++ step.
    /// </summary>
    /// <remarks>
    /// In batches into a buffer, with the state in locals for the batch: the JIT keeps neither this 256-byte
    /// struct nor locals passed by reference in registers, so a step per word inside the tile loop sent the state
    /// through memory, and each word waited on the previous one's store (measured: the loop a quarter slower).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fill(Span<Vector512<ulong>> words)
    {
        var (s0, s1, s2, s3) = (S0, S1, S2, S3);
        for (int i = 0; i < words.Length; i++)
        {
            var sum = s0 + s3;
            words[i] = ((sum << LaneStream.ResultRotation) | (sum >>> (64 - LaneStream.ResultRotation))) + s0;
            var t = s1 << LaneStream.StateShift;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = (s3 << LaneStream.StateRotation) | (s3 >>> (64 - LaneStream.StateRotation));
        }
        (S0, S1, S2, S3) = (s0, s1, s2, s3);
    }
}

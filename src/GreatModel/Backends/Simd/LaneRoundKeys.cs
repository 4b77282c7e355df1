using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// Round keys computed as the rounds go, as <see cref="ScheduledRoundKeys"/> does, but with a key of its own in each lane: eight
/// chains of different groups (each group its own Philox key) make their blocks side by side
/// (<see cref="VectorHostConditionals"/>). Lane j is the schedule of <see cref="Philox4x32.Generate"/> for key j.
/// </summary>
/// <param name="key0">Key word 0 of each lane, in the lane's low 32 bits.</param>
/// <param name="key1">Key word 1 of each lane, in the lane's low 32 bits.</param>
internal readonly struct LaneRoundKeys(Vector512<ulong> key0, Vector512<ulong> key1) : IRoundKeys
{
    /// <summary>The low 32 bits of a lane: key + round·W wraps at 2^32 as the scalar schedule's uint arithmetic does.</summary>
    private static Vector512<ulong> Low32 => Vector512.Create(0xFFFF_FFFFUL);

    public Vector512<ulong> Key0(int round) => (key0 + Vector512.Create((ulong)((uint)round * Philox4x32.W0))) & Low32;

    public Vector512<ulong> Key1(int round) => (key1 + Vector512.Create((ulong)((uint)round * Philox4x32.W1))) & Low32;
}

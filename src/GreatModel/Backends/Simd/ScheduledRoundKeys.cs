using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// Round keys computed as the rounds go (key + round·W, the schedule of <see cref="Philox4x32.Generate"/>), for a key that makes
/// one pair of eight blocks: writing the table first (<see cref="VectorPhilox.RoundKeys"/>, twenty vector stores) cost
/// about as much as that pair's rounds.
/// </summary>
/// <param name="key0">Key word 0.</param>
/// <param name="key1">Key word 1.</param>
internal readonly struct ScheduledRoundKeys(uint key0, uint key1) : IRoundKeys
{
    public Vector512<ulong> Key0(int round) => Vector512.Create((ulong)(key0 + ((uint)round * Philox4x32.W0)));

    public Vector512<ulong> Key1(int round) => Vector512.Create((ulong)(key1 + ((uint)round * Philox4x32.W1)));
}

using System.Runtime.Intrinsics;

namespace GreatModel.Backends.Simd;

/// <summary>
/// Where <see cref="VectorPhilox.GeneratePair{TKeys}"/> takes each round's two keys, broadcast: a table made once and read
/// by many blocks (<see cref="TabledRoundKeys"/>), or the schedule computed as the rounds go (<see cref="ScheduledRoundKeys"/>),
/// for a key that makes only one pair. A struct type parameter, so the JIT compiles each with its source inlined.
/// </summary>
internal interface IRoundKeys
{
    /// <summary>Key word 0 of round <paramref name="round"/> (0 .. <see cref="Kernels.Philox4x32.Rounds"/> − 1), in every lane.</summary>
    Vector512<ulong> Key0(int round);

    /// <summary>Key word 1 of round <paramref name="round"/>, in every lane.</summary>
    Vector512<ulong> Key1(int round);
}

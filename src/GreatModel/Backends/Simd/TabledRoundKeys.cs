using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GreatModel.Backends.Simd;

/// <summary>
/// Round keys read from a table made by <see cref="VectorPhilox.RoundKeys"/>: for loops that make many blocks under one key
/// (a round then reads each key as a memory operand, no instruction of its own).
/// </summary>
/// <param name="table">The <see cref="VectorPhilox.RoundKeyCount"/> round keys, key 0 and key 1 of each round in turn.</param>
internal readonly ref struct TabledRoundKeys(ReadOnlySpan<Vector512<ulong>> table) : IRoundKeys
{
    private readonly ref readonly Vector512<ulong> _first = ref MemoryMarshal.GetReference(table[..VectorPhilox.RoundKeyCount]);

    public Vector512<ulong> Key0(int round) => Unsafe.Add(ref Unsafe.AsRef(in _first), 2 * round);

    public Vector512<ulong> Key1(int round) => Unsafe.Add(ref Unsafe.AsRef(in _first), (2 * round) + 1);
}

namespace GreatModel.Backends.Simd;

/// <summary>
/// The per-chain constants of the host draws for a block of chains, from the block's first chain on, one span per constant
/// read lane by lane (<see cref="VectorHostConditionals"/>).
/// </summary>
internal readonly ref struct ConditionalConstants
{
    /// <summary>Each chain's n. Range: ≥ 1.</summary>
    public ReadOnlySpan<int> N { get; init; }

    /// <summary>Each chain's group key, word 0 (low 32 bits of the lane).</summary>
    public ReadOnlySpan<ulong> Key0 { get; init; }

    /// <summary>Each chain's group key, word 1.</summary>
    public ReadOnlySpan<ulong> Key1 { get; init; }

    /// <summary>Each chain's global index within its group (counter word 2).</summary>
    public ReadOnlySpan<ulong> Chain { get; init; }
}

namespace GreatModel.Backends.Simd;

/// <summary>
/// The per-chain constants of the host draws for a block of chains, from the block's first chain on, one span per constant
/// so that eight of them load as one vector (<see cref="VectorHostConditionals"/>). Lanes past the run's last chain hold
/// harmless values and are never drawn.
/// </summary>
internal readonly ref struct ConditionalConstants
{
    /// <summary>Each chain's n, as a double. Range: ≥ 1.</summary>
    public ReadOnlySpan<double> N { get; init; }

    /// <summary>Each chain's group key, word 0 (low 32 bits of the lane).</summary>
    public ReadOnlySpan<ulong> Key0 { get; init; }

    /// <summary>Each chain's group key, word 1.</summary>
    public ReadOnlySpan<ulong> Key1 { get; init; }

    /// <summary>Each chain's global index within its group (counter word 2).</summary>
    public ReadOnlySpan<ulong> Chain { get; init; }

    /// <summary>χ²_n's Marsaglia–Tsang d for shape n/2.</summary>
    public ReadOnlySpan<double> HalfND { get; init; }

    /// <summary>χ²_n's Marsaglia–Tsang c for shape n/2.</summary>
    public ReadOnlySpan<double> HalfNC { get; init; }
}

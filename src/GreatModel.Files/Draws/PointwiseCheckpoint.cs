namespace GreatModel.Files.Draws;

/// <summary>
/// What <see cref="PointwiseColumns"/> keeps between rows, for a checkpoint: each chain's predictive stream position and the
/// predictive check's counts. Restored into a fresh <see cref="PointwiseColumns"/> of the same run, the rows after it are
/// those the uninterrupted run writes, and the check counts every replication.
/// </summary>
public sealed record PointwiseCheckpoint
{
    /// <summary>Uniforms drawn from each chain's predictive stream (empty without y_rep). Range: ≥ 0 each.</summary>
    public required IReadOnlyList<long> StreamPositions { get; init; }

    /// <summary>Replications counted in the check. Range: ≥ 0.</summary>
    public required long Replications { get; init; }

    /// <summary>Replications whose minimum was at least the data's. Range: 0 .. <see cref="Replications"/>.</summary>
    public required long MinAtLeast { get; init; }

    /// <summary>Replications whose maximum was at least the data's. Range: 0 .. <see cref="Replications"/>.</summary>
    public required long MaxAtLeast { get; init; }

    /// <summary>Replications whose sd was at least the data's. Range: 0 .. <see cref="Replications"/>.</summary>
    public required long SdAtLeast { get; init; }
}

namespace GreatModel.Kernels;

/// <summary>
/// Where one chain's data lie and how its draws are keyed. In a grouped run every (group, chain) is a chain of its own,
/// over its group's data only: the data of all groups sit end to end in one buffer, group by group, and a chain reads its
/// group's stretch (<see cref="DataOffset"/>, <see cref="DataLength"/>) with datum indices counted from the stretch's
/// start. Its draws are keyed by its group's key (<see cref="Key0"/>, <see cref="Key1"/>: the run's seed for an ungrouped
/// run, a hash of the seed and the group's label otherwise) and its chain number within the group
/// (<see cref="Chain"/>), so they are the same whichever other groups share the run, and where in the buffer they sit.
/// </summary>
public struct ChainSegment
{
    /// <summary>Index of the chain's first datum in the run's data buffer (the CPU engines hold a group's data apart and read from 0). Range: ≥ 0.</summary>
    public int DataOffset;

    /// <summary>The group's n. Range: n ≥ 2.</summary>
    public int DataLength;

    /// <summary>The group's tiles, <see cref="SweepLayout.TileCount"/>(<see cref="DataLength"/>): no tile straddles two groups.</summary>
    public int TileCount;

    /// <summary>The chain number within its group: counter word 2 of its per-datum draws. Range: ≥ 0.</summary>
    public int Chain;

    /// <summary>Low word of the group's Philox key.</summary>
    public uint Key0;

    /// <summary>High word of the group's Philox key.</summary>
    public uint Key1;
}

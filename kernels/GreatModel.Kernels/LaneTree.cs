namespace GreatModel.Kernels;

/// <summary>
/// Pairwise sum of the 256 lane sums of a tile, fed in lane order, with no array: level k holds the
/// finished left sibling of size 2^k. Gives the same additions, in the same order, as the
/// shared-memory tree of <see cref="SweepKernels.GroupPerTile"/>.
/// </summary>
public struct LaneTree
{
    private SweepSums _p0, _p1, _p2, _p3, _p4, _p5, _p6, _p7;

    /// <summary>The tile's sum, set when lane <see cref="SweepLayout.LaneCount"/> - 1 has been added.</summary>
    public SweepSums Total;

    /// <summary>Adds the next lane's sums; lanes must come in order 0, 1, ..., <see cref="SweepLayout.LaneCount"/> - 1.</summary>
    /// <param name="lane">The lane's index. Range: 0 ≤ lane &lt; <see cref="SweepLayout.LaneCount"/>, one more than the last call's.</param>
    /// <param name="v">The lane's sums.</param>
    public void Add(int lane, SweepSums v)
    {
        if ((lane & 1) == 0) { _p0 = v; return; }
        v = _p0 + v;
        if ((lane & 2) == 0) { _p1 = v; return; }
        v = _p1 + v;
        if ((lane & 4) == 0) { _p2 = v; return; }
        v = _p2 + v;
        if ((lane & 8) == 0) { _p3 = v; return; }
        v = _p3 + v;
        if ((lane & 16) == 0) { _p4 = v; return; }
        v = _p4 + v;
        if ((lane & 32) == 0) { _p5 = v; return; }
        v = _p5 + v;
        if ((lane & 64) == 0) { _p6 = v; return; }
        v = _p6 + v;
        if ((lane & 128) == 0) { _p7 = v; return; }
        Total = _p7 + v;
    }
}

namespace GreatModel.Kernels;

/// <summary>
/// Pairwise sum of the 256 lane sums of a tile, fed in lane order, with no array: level k holds the
/// finished left sibling of size 2^k. Gives the same additions, in the same order, as the
/// shared-memory tree of <see cref="SweepKernels.GroupPerTile{TPath}"/>.
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
        ClimbFromLevel3(lane, v);
    }

    /// <summary>
    /// Adds the sum of the next eight lanes (block b = lanes 8b .. 8b+7), already added pairwise as the tree would:
    /// ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)). The vector CPU paths sum a vector's eight lanes that way
    /// in registers and skip eight calls of <see cref="Add"/>.
    /// </summary>
    /// <param name="block">The block's index. Range: 0 ≤ block &lt; <see cref="SweepLayout.LaneCount"/> / 8, one more than the last call's, with no <see cref="Add"/> in between.</param>
    /// <param name="v">The block's pairwise sum.</param>
    public void AddBlockOfEight(int block, SweepSums v) => ClimbFromLevel3((block * 8) + 7, v);

    /// <summary>Levels 3 and up of <see cref="Add"/>: <paramref name="v"/> is the finished block of eight ending at <paramref name="lane"/>.</summary>
    private void ClimbFromLevel3(int lane, SweepSums v)
    {
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

    /// <summary>
    /// The tile's sum when only lanes 0 .. <paramref name="lanesAdded"/> − 1 were added and every later lane is empty
    /// (no data: all four sums +0). Makes the additions of the full tree that involve an added lane (a real value
    /// plus an empty subtree's +0 is still computed, so even a −0 comes out as the full tree's) and skips those of
    /// empty subtrees alone (+0 + +0 = +0): the same bits as adding the empty lanes one by one, without the hundreds
    /// of additions a tile of a small group would spend on them.
    /// </summary>
    /// <param name="lanesAdded">Lanes added so far, in order from lane 0. Range: 0 ≤ lanesAdded ≤ <see cref="SweepLayout.LaneCount"/>.</param>
    /// <returns>The tile's sum.</returns>
    public readonly SweepSums TotalWithEmptyLanesFrom(int lanesAdded)
    {
        if (lanesAdded == SweepLayout.LaneCount) return Total;
        // Walk up from the block of size 1 at lane lanesAdded: at level k, bit k of lanesAdded set means that block is
        // the right child of a finished left sibling (pending at level k); clear means it is a left child whose
        // right sibling is all empty.
        var carry = default(SweepSums);
        bool holdsData = false;
        for (int level = 0; (1 << level) < SweepLayout.LaneCount; level++)
        {
            if (((lanesAdded >> level) & 1) != 0)
            {
                carry = Pending(level) + carry;
                holdsData = true;
            }
            else if (holdsData)
            {
                carry += default(SweepSums);
            }
        }
        return carry;
    }

    /// <summary>The finished left sibling held at <paramref name="level"/> (size 2^level).</summary>
    private readonly SweepSums Pending(int level) => level switch
    {
        0 => _p0,
        1 => _p1,
        2 => _p2,
        3 => _p3,
        4 => _p4,
        5 => _p5,
        6 => _p6,
        _ => _p7,
    };
}

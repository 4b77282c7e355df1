using GreatModel.Backends.Simd;
using GreatModel.Kernels;
using System.Runtime.Intrinsics;

namespace GreatModel.Tests.Kernels;

/// <summary>
/// The lane tree's shortcuts give the full tree's bits: a tile whose later lanes are empty (a group of fewer than 256
/// data) finished without adding the empty lanes, and blocks of eight lanes summed in vector registers.
/// </summary>
public class LaneTreeTests
{
    /// <summary>Lane sums of mixed signs and magnitudes, so any change in the order of the additions shows in the bits.</summary>
    private static SweepSums[] Lanes(int seed)
    {
        var rng = new System.Random(seed);
        double Next() => (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-8, 9));
        return [.. Enumerable.Range(0, SweepLayout.LaneCount).Select(_ => new SweepSums(Next(), Next(), Next(), Next()))];
    }

    private static SweepSums FullTree(SweepSums[] lanes, int withData)
    {
        var tree = new LaneTree();
        for (int lane = 0; lane < SweepLayout.LaneCount; lane++) tree.Add(lane, lane < withData ? lanes[lane] : default);
        return tree.Total;
    }

    [Fact]
    public void EmptyLanesLeftOutGiveTheFullTreesBits()
    {
        var lanes = Lanes(1);
        for (int withData = 0; withData <= SweepLayout.LaneCount; withData++)
        {
            var tree = new LaneTree();
            for (int lane = 0; lane < withData; lane++) tree.Add(lane, lanes[lane]);
            Assert.Equal(FullTree(lanes, withData), tree.TotalWithEmptyLanesFrom(withData));
        }
    }

    [Fact]
    public void ANegativeZeroSumComesOutAsTheFullTreesPositiveZero()
    {
        var lanes = new SweepSums[SweepLayout.LaneCount];
        lanes[0] = new SweepSums(-0.0, -0.0, -0.0, -0.0);
        var tree = new LaneTree();
        tree.Add(0, lanes[0]);
        var shortcut = tree.TotalWithEmptyLanesFrom(1);
        Assert.Equal(FullTree(lanes, 1), shortcut);
        Assert.False(double.IsNegative(shortcut.S0)); // −0 + +0 = +0, as the full tree adds it
    }

    [Fact]
    public void BlocksOfEightSummedInVectorsGiveTheFullTreesBits()
    {
        var lanes = Lanes(2);
        foreach (int blocks in new[] { 1, 5, 13, 32 })
        {
            var tree = new LaneTree();
            for (int block = 0; block < blocks; block++)
            {
                var eight = lanes.AsSpan(block * 8, 8).ToArray();
                Vector512<double> Of(Func<SweepSums, double> part) => Vector512.Create([.. eight.Select(part)]);
                tree.AddBlockOfEight(block, new SweepSums(VectorSweep.PairwiseSum(Of(s => s.S0)), VectorSweep.PairwiseSum(Of(s => s.S1)),
                    VectorSweep.PairwiseSum(Of(s => s.S2)), VectorSweep.PairwiseSum(Of(s => s.S3))));
            }
            Assert.Equal(FullTree(lanes, blocks * 8), tree.TotalWithEmptyLanesFrom(blocks * 8));
        }
    }
}

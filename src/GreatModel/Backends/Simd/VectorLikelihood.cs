using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Backends.Simd;

/// <summary>
/// The ν likelihood pass of a tile (<see cref="SweepParameters.NuLikelihoodPass"/>) with eight adjacent lanes of the
/// layout in one Vector512: each vector lane multiplies its own factors in item order (<see cref="VectorLogProduct"/>),
/// and the 256 lane sums go through the same <see cref="LaneTree"/>, so the result is
/// <see cref="SweepArithmetic.TileSums{TData}"/>'s bit for bit (the pass draws nothing, so both CPU backends use it).
/// </summary>
internal static class VectorLikelihood
{
    private const int Width = 8;

    /// <summary>The tile's (Σ log(1 + (x−μ)²/(ν·σ²)), Σ log(1 + (x−μ′)²/(ν′·σ′²)), 0, 0): scalar twin <see cref="SweepArithmetic.LikelihoodFactors"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SweepSums TileSums(double[] data, int tile, ChainState s, SweepParameters p)
    {
        int tileStart = tile * SweepLayout.TileSize, groupsWithData = VectorSweep.LaneGroupsWithData(tile, p.DataLength);
        // Products for the lane groups that hold data only: a group of 48 data fills 6 of the 32, and the other 26 (8 KiB
        // zeroed by stackalloc, then filled) cost as much as the pass itself.
        Span<VectorLogProduct> current = stackalloc VectorLogProduct[groupsWithData];
        Span<VectorLogProduct> proposed = stackalloc VectorLogProduct[groupsWithData];
        current.Fill(VectorLogProduct.Empty);
        proposed.Fill(VectorLogProduct.Empty);
        var scales = SweepArithmetic.LikelihoodScales(s);
        var (mu, inverseNuSigma2) = (Vector512.Create(scales.Mu), Vector512.Create(scales.InverseNuSigma2));
        var (proposedMu, inverseProposal) = (Vector512.Create(scales.ProposedMu), Vector512.Create(scales.InverseProposal));
        var one = Vector512.Create(1.0);
        for (int j = 0; j < SweepLayout.ItemsPerLane; j++)
        {
            for (int group = 0; group < groupsWithData; group++)
            {
                int first = tileStart + (group * Width) + (j * SweepLayout.LaneCount);
                if (first >= p.DataLength) break; // later groups of this item row start further on
                int valid = Math.Min(Width, p.DataLength - first);
                var inRange = VectorSweep.FirstLanes(valid);
                var x = VectorSweep.Load(data, first, valid);
                var (dev, proposedDev) = (x - mu, x - proposedMu);
                current[group].Add(one + (dev * dev * inverseNuSigma2), inRange);
                proposed[group].Add(one + (proposedDev * proposedDev * inverseProposal), inRange);
            }
        }
        var tree = new LaneTree();
        for (int group = 0; group < groupsWithData; group++)
        {
            var (atNu, atProposal) = (current[group].Logs(), proposed[group].Logs());
            tree.AddBlockOfEight(group, new SweepSums(VectorSweep.PairwiseSum(atNu), VectorSweep.PairwiseSum(atProposal), 0.0, 0.0));
        }
        return tree.TotalWithEmptyLanesFrom(groupsWithData * Width);
    }
}

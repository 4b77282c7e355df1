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
    private const int Groups = SweepLayout.LaneCount / Width;

    /// <summary>The tile's (Σ log(1 + t/ν), Σ log(1 + t/ν'), 0, 0), t = (x−μ)²/σ²: scalar twin <see cref="SweepArithmetic.LikelihoodFactors"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SweepSums TileSums(double[] data, int tile, ChainState s, SweepParameters p)
    {
        Span<VectorLogProduct> current = stackalloc VectorLogProduct[Groups];
        Span<VectorLogProduct> proposed = stackalloc VectorLogProduct[Groups];
        current.Fill(VectorLogProduct.Empty);
        proposed.Fill(VectorLogProduct.Empty);
        var (mu, sigma2, nu, nuProposed) = (Vector512.Create(s.Mu), Vector512.Create(s.Alpha2 * s.Tau2), Vector512.Create(s.Nu), Vector512.Create(s.ProposedNu));
        var one = Vector512.Create(1.0);
        int tileStart = tile * SweepLayout.TileSize;
        for (int j = 0; j < SweepLayout.ItemsPerLane; j++)
        {
            for (int group = 0; group < Groups; group++)
            {
                int first = tileStart + (group * Width) + (j * SweepLayout.LaneCount);
                if (first >= p.DataLength) break; // later groups of this item row start further on
                int valid = Math.Min(Width, p.DataLength - first);
                var inRange = VectorSweep.FirstLanes(valid);
                var dev = VectorSweep.Load(data, first, valid) - mu;
                var t = dev * dev / sigma2;
                current[group].Add(one + (t / nu), inRange);
                proposed[group].Add(one + (t / nuProposed), inRange);
            }
        }
        var tree = new LaneTree();
        for (int lane = 0; lane < SweepLayout.LaneCount; lane++)
        {
            int group = lane / Width, k = lane % Width;
            tree.Add(lane, new SweepSums(current[group].Log(k), proposed[group].Log(k), 0.0, 0.0));
        }
        return tree.Total;
    }
}

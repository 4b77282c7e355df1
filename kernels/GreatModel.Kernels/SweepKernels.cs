using ILGPU;

namespace GreatModel.Kernels;

/// <summary>
/// The fused sweep kernels (MODEL.md steps 1–2). Both write one <see cref="SweepSums"/> per
/// (chain, tile) into <c>partials[chainInLaunch * TileCount + tile]</c>; the host adds tiles in order.
/// Neither uses floating-point atomics, so results do not depend on scheduling.
/// </summary>
public static class SweepKernels
{
    /// <summary>
    /// For CPU-like accelerators: each thread computes whole tiles, striding over all (chain, tile)
    /// items. Launch with group size 1 and about one thread per core (ilgpu-notes §1).
    /// </summary>
    /// <param name="data">The data x_1..x_n.</param>
    /// <param name="chains">The states of the launch's chains (chain FirstChain + k at index k).</param>
    /// <param name="partials">Output: chains.Length · TileCount tile sums, chain-major.</param>
    /// <param name="p">The sweep's parameters.</param>
    public static void PerThreadTiles(ArrayView<double> data, ArrayView<ChainState> chains,
        ArrayView<SweepSums> partials, SweepParameters p)
    {
        int items = (int)chains.Length * p.TileCount;
        int stride = Grid.DimX * Group.DimX;
        for (int item = Grid.GlobalIndex.X; item < items; item += stride)
        {
            int chainInLaunch = item / p.TileCount;
            int tile = item - chainInLaunch * p.TileCount;
            var state = chains[chainInLaunch];
            partials[item] = SweepArithmetic.TileSums(new ViewSource(data), tile, p.FirstChain + chainInLaunch,
                state, p.ForChain(state));
        }
    }

    /// <summary>
    /// For GPUs: one group of <see cref="SweepLayout.LaneCount"/> threads per (tile, chain); grid
    /// (TileCount, chains). Each thread is one lane; lane sums are combined in shared memory by the
    /// same adjacent-pairs tree as <see cref="LaneTree"/>. Barriers are reached by every thread.
    /// </summary>
    /// <param name="data">The data x_1..x_n.</param>
    /// <param name="chains">The states of the launch's chains (chain FirstChain + k at index k).</param>
    /// <param name="partials">Output: chains.Length · TileCount tile sums, chain-major.</param>
    /// <param name="p">The sweep's parameters.</param>
    public static void GroupPerTile(ArrayView<double> data, ArrayView<ChainState> chains,
        ArrayView<SweepSums> partials, SweepParameters p)
    {
        var lanes = SharedMemory.Allocate<SweepSums>(SweepLayout.LaneCount);
        int tile = Grid.IdxX, chainInLaunch = Grid.IdxY, lane = Group.IdxX;
        var state = chains[chainInLaunch];
        lanes[lane] = SweepArithmetic.LaneSums(new ViewSource(data), tile, lane, p.FirstChain + chainInLaunch,
            state, p.ForChain(state));
        for (int width = 1; width < SweepLayout.LaneCount; width <<= 1)
        {
            Group.Barrier();
            if ((lane & ((width << 1) - 1)) == 0)
                lanes[lane] = lanes[lane] + lanes[lane + width];
        }
        if (lane == 0)
            partials[chainInLaunch * p.TileCount + tile] = lanes[0];
    }
}
